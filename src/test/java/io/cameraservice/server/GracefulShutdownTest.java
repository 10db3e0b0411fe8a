package io.cameraservice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command in a child process: SIGTERM closes sockets with 1001 and the process exits 0. */
class GracefulShutdownTest {

  @TempDir
  Path dir;

  @Test
  void sigtermClosesSocketsWith1001AndExitsZero() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.cameraservice.cli.Main", "serve", "--port", "0");
    builder.environment().put("CAMERA_SERVICE_AUTH_JWT_SECRET", TestService.SECRET);
    builder.environment().put("CAMERA_SERVICE_STORAGE_DATA_DIR", dir.toString());
    builder.environment().put("CAMERA_SERVICE_SERVER_HOST", "127.0.0.1");
    builder.redirectError(dir.resolve("stderr.log").toFile());
    Process process = builder.start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      String line = stdout.readLine();
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(line));
      assertThat(m.matches()).as("first line: " + line).isTrue();
      int port = Integer.parseInt(m.group(1));

      try (RpcClient client = RpcClient.connect(port)) {
        client.authenticate(TestService.mint(Role.ADMIN));
        client.result("subscribe_events", new JsonObject().put("topics", new JsonArray().add("system.shutdown")));
        process.destroy(); // SIGTERM
        client.awaitNotification(n -> n.getString("method").equals("system_shutdown"));
        assertThat(client.awaitClosed(Duration.ofSeconds(15))).isTrue();
        assertThat(client.closeStatus()).isEqualTo((short) 1001);
      }
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void stopClosesOpenSocketsWith1001AndRefusesNewOnes() {
    TestService service = TestService.start(dir);
    try (RpcClient client = service.connect(Role.ADMIN)) {
      service.service().stop();
      assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
      assertThat(client.closeStatus()).isEqualTo((short) 1001);
    } finally {
      service.stop();
    }
    assertThatThrownBy(() -> RpcClient.connect(service.port())).isInstanceOf(IllegalStateException.class);
  }
}
