package io.cameraservice.app;

import io.cameraservice.config.ConfigException;
import io.cameraservice.config.ConfigProblems;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.vertx.core.Future;

/**
 * Checks the configuration's per-method keys ({@code auth.permissions.M}, {@code limits.rates.methods.M}) against the
 * declared methods. It runs at wiring because the declarations are made there; the rest of the configuration is
 * checked when it is loaded.
 */
final class MethodSettings {

  private MethodSettings() {}

  /** Fails with a {@link ConfigException} naming every key that names no method it may. */
  static Future<Void> checked(ServiceConfig config, MethodRegistry methods) {
    ConfigProblems problems = new ConfigProblems();
    config.auth().permissions().keySet().stream().sorted().forEach(name -> {
      MethodSpec method = methods.find(name);
      if (method == null) {
        problems.add("auth.permissions." + name, "unknown method");
      } else if (method.access() == Access.OPEN) {
        problems.add("auth.permissions." + name, "cannot be restricted (it must work without a session)");
      }
    });
    config.limits().rates().methods().keySet().stream().sorted().filter(name -> methods.find(name) == null)
        .forEach(name -> problems.add("limits.rates.methods." + name, "unknown method"));
    return problems.list().isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(new ConfigException(problems.list()));
  }
}
