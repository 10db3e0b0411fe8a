package io.cameraservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.events.Event;
import io.cameraservice.events.Topics;
import io.cameraservice.testing.Cli;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys made, listed and revoked with the command-line tool, used against the running service. */
class ApiKeyCliTest {

  @TempDir
  Path dir;

  private Path configFile() throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "storage:\n  data_dir: " + dir.resolve("data") + "\n");
    return config;
  }

  private String create(Path config, String role, String name) {
    Cli.Result created = Cli.run("apikey", "create", "--role", role, "--name", name, "--config", config.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    String key = created.out().trim();
    assertThat(key).startsWith("csk_").hasSizeGreaterThan(40);
    return key;
  }

  private static String reason(JsonObject response) {
    return response.getJsonObject("error").getJsonObject("data").getString("reason");
  }

  @Test
  void keyCreatedByTheCliAuthenticatesWithItsRoleAndARevokedKeyDoesNot() throws Exception {
    Path config = configFile();
    String key = create(config, "operator", "dashboard");
    Path keysFile = dir.resolve("data/state/api_keys.json");
    assertThat(Files.readString(keysFile)).doesNotContain(key.substring(4)).contains("sha256:");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile.getParent())))
        .isEqualTo("rwx------");

    Cli.Result list = Cli.run("apikey", "list", "--config", config.toString());
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("dashboard").contains("operator").contains("active").doesNotContain(key);
    String id = list.out().lines().filter(l -> l.contains("dashboard")).findFirst().orElseThrow().split("\\s+")[0];

    try (TestService service = TestService.start(dir.resolve("data"));
        RpcClient client = service.connect(); RpcClient listener = service.connect();
        RpcClient control = service.connect(Role.OPERATOR)) {
      JsonObject session = client.authenticate(key);
      listener.authenticate(key);
      assertThat(session.getString("role")).isEqualTo("operator");
      assertThat(session.getValue("expires_at")).isNull();
      assertThat(session.containsKey("expires_at")).isTrue();

      Cli.Result revoked = Cli.run("apikey", "revoke", id, "--config", config.toString());
      assertThat(revoked.exitCode()).isZero();
      try (RpcClient again = service.connect()) {
        assertThat(reason(again.call("authenticate", new JsonObject().put("auth_token", key))))
            .isEqualTo("revoked");
      }
      // The open session ends at its next call once the server has noticed the revocation (within seconds).
      JsonObject response = Poll.until(() -> client.call("get_server_info"), r -> !r.containsKey("result"),
          Duration.ofSeconds(10));
      assertThat(reason(response)).isEqualTo("revoked");
      // A socket of the revoked key that makes no call gets no more notifications either.
      service.events().publish(new Event(Topics.CAMERA_CONNECTED, "camera0", "camera_status_update",
          new JsonObject().put("device", "camera0")));
      assertThat(control.awaitNotification(n -> "camera_status_update".equals(n.getString("method")))
          .getJsonObject("params").getString("device")).isEqualTo("camera0");
      assertThat(listener.silentFor(Duration.ofMillis(300))).isTrue();
    }
  }

  @Test
  void unknownKeyIsRefused() throws Exception {
    try (TestService service = TestService.start(dir.resolve("data")); RpcClient client = service.connect()) {
      assertThat(reason(client.call("authenticate", new JsonObject().put("auth_token", "csk_nothing-like-this"))))
          .isEqualTo("unknown_api_key");
    }
  }

  @Test
  void expiringKeyReportsItsExpiry() throws Exception {
    Path config = configFile();
    Cli.Result created = Cli.run("apikey", "create", "--role", "viewer", "--name", "temp", "--expires", "90d",
        "--config", config.toString());
    assertThat(created.exitCode()).isZero();
    try (TestService service = TestService.start(dir.resolve("data")); RpcClient client = service.connect()) {
      JsonObject session = client.authenticate(created.out().trim());
      assertThat(session.getString("expires_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(session.getString("role")).isEqualTo("viewer");
    }
  }

  @Test
  void revokingAnUnknownIdFailsAndBadArgumentsAreUsageErrors() throws Exception {
    Path config = configFile();
    assertThat(Cli.run("apikey", "revoke", "key_nope", "--config", config.toString()).exitCode()).isEqualTo(1);
    Cli.Result badRole = Cli.run("apikey", "create", "--role", "root", "--name", "x", "--config", config.toString());
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.err()).contains("not a role");
    Cli.Result badExpiry = Cli.run("apikey", "create", "--role", "admin", "--name", "x", "--expires", "soon",
        "--config", config.toString());
    assertThat(badExpiry.exitCode()).isEqualTo(2);
    assertThat(badExpiry.err()).contains("not a duration");
  }
}
