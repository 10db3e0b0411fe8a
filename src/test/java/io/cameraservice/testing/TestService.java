package io.cameraservice.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.app.CameraService;
import io.cameraservice.app.ServiceSeams;
import io.cameraservice.app.ConfigChecks;
import io.cameraservice.auth.Role;
import io.cameraservice.config.ConfigLoader;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.events.EventHub;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.governance.alerts.AlertTransition;
import io.cameraservice.governance.resources.ResourceSampler;
import io.cameraservice.rpc.MethodRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The real service on an ephemeral port with its data in a temporary folder. */
public final class TestService implements AutoCloseable {

  public static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

  private final CameraService service;
  private final Path dataDir;

  private TestService(CameraService service, Path dataDir) {
    this.service = service;
    this.dataDir = dataDir;
  }

  /** A token for a service started with {@link #SECRET}, e.g. one running in a child process. */
  public static String mint(Role role) {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      return new io.cameraservice.auth.TokenMinter(vertx, SECRET, Clock.systemUTC())
          .mint("test-" + role.wireName(), role, Duration.ofHours(1));
    } finally {
      vertx.close();
    }
  }

  public static TestService start(Path dataDir) {
    return start(dataDir, settings -> {});
  }

  /** {@code customize} may add settings to the tree (e.g. {@code limits.auth_failures.max}). */
  public static TestService start(Path dataDir, Consumer<ObjectNode> customize) {
    return start(dataDir, customize, Clock.systemUTC());
  }

  public static TestService start(Path dataDir, Consumer<ObjectNode> customize, Clock clock) {
    return start(dataDir, customize, clock, null);
  }

  /** With resource readings from {@code sampler} (e.g. a {@link ScriptedSampler}) instead of the test JVM. */
  public static TestService start(Path dataDir, Consumer<ObjectNode> customize, Clock clock,
      ResourceSampler sampler) {
    ServiceConfig config = config(dataDir, customize);
    try {
      CameraService service = ServiceSeams.start(config, clock, sampler).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      if (sampler != null) {
        // Start-up runs the first sampling and alert evaluation on the governance thread; on a busy machine that
        // can be late. Waiting for it here keeps it from seeing the readings a test scripts next.
        ServiceSeams.evaluateGovernanceNow(service).get(30, TimeUnit.SECONDS);
      }
      return new TestService(service, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("service did not start", e);
    }
  }

  public static ServiceConfig config(Path dataDir, Consumer<ObjectNode> customize) {
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    flags.putObject("server").put("host", "127.0.0.1").put("port", 0).put("event_loops", 2)
        .put("shutdown_grace_seconds", 5);
    flags.putObject("storage").put("data_dir", dataDir.toString());
    flags.putObject("auth").put("jwt_secret", SECRET);
    customize.accept(flags);
    Map<String, String> env = new HashMap<>();
    return ConfigLoader.withEnvironment(env).requireSecret(true).checks(ConfigChecks.ALL).flags(flags).load(null);
  }

  /** Waits until the media catalog has been reconciled with the folders (it runs in the background). */
  public TestService awaitCatalog() {
    try {
      ServiceSeams.catalogReady(service).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return this;
    } catch (Exception e) {
      throw new IllegalStateException("media catalog not ready", e);
    }
  }

  public CameraService service() {
    return service;
  }

  public int port() {
    return service.port();
  }

  /** Where features publish events; tests publish as they would. */
  public EventHub events() {
    return ServiceSeams.events(service);
  }

  /** Through which recording and snapshot producers register their files; tests produce files with it. */
  public MediaIntake mediaIntake() {
    return ServiceSeams.mediaIntake(service);
  }

  /** Every registered method, with its parameter schema. */
  public MethodRegistry methods() {
    return ServiceSeams.methods(service);
  }

  /** Takes a resource sample and evaluates the alert rules now; the transitions it caused. */
  public List<AlertTransition> evaluateGovernanceNow() {
    try {
      return ServiceSeams.evaluateGovernanceNow(service).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("governance evaluation did not finish", e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public String token(Role role) {
    return service.tokens().mint("test-" + role.wireName(), role, Duration.ofHours(1));
  }

  public String token(Role role, Duration ttl) {
    return service.tokens().mint("test-" + role.wireName(), role, ttl);
  }

  /** A connected client, not yet authenticated. */
  public RpcClient connect() {
    return RpcClient.connect(port());
  }

  /** A connected client authenticated with {@code role}. */
  public RpcClient connect(Role role) {
    RpcClient client = connect();
    client.authenticate(token(role));
    return client;
  }

  public void stop() {
    try {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("service did not stop", e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
