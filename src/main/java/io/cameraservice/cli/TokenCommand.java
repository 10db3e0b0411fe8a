package io.cameraservice.cli;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.TokenMinter;
import io.cameraservice.config.ServiceConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "token", description = "Print a JWT signed with the configured secret.")
final class TokenCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOption config;

  @Option(names = "--role", required = true, converter = RoleConverter.class,
      description = "viewer, operator or admin")
  Role role;

  @Option(names = "--ttl", defaultValue = "24h", converter = Durations.class,
      description = "Lifetime, e.g. 30m, 24h, 7d (default ${DEFAULT-VALUE})")
  Duration ttl;

  @Option(names = "--user", defaultValue = "cli", description = "user_id claim (default ${DEFAULT-VALUE})")
  String user;

  @Override
  public Integer call() {
    ServiceConfig settings = config.load(true);
    Vertx vertx = Vertx.vertx();
    try {
      String token = new TokenMinter(vertx, settings.auth().jwtSecret(), Clock.systemUTC()).mint(user, role, ttl);
      spec.commandLine().getOut().println(token);
    } finally {
      vertx.close();
    }
    return 0;
  }
}
