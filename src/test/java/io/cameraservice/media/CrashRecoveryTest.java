package io.cameraservice.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.auth.Role;
import io.cameraservice.process.Commands;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service killed with SIGKILL while it records an mp4 (the real command in a child process, real ffmpeg): the
 * next start remuxes the {@code .part} file it left, and the recording keeps the time it started, in the catalog
 * and in the file's own metadata, not the time of the restart.
 */
class CrashRecoveryTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  @Test
  void recordingRemuxedAfterSigkillKeepsItsStartTime() throws Exception {
    Path stdout = dir.resolve("child-stdout.log");
    Process child = startChild(stdout);
    String filename;
    Instant started;
    try {
      int port = Poll.until("the child to listen", () -> listeningPort(stdout), p -> p > 0, Duration.ofSeconds(60));
      try (RpcClient client = RpcClient.connect(port)) {
        client.authenticate(TestService.mint(Role.ADMIN));
        filename = client.result("start_recording", new JsonObject().put("device", "camera0").put("format", "mp4"))
            .getString("filename");
        client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
        started = Instant.parse(client.result("get_recording_info", new JsonObject().put("filename", filename))
            .getString("created_time"));
        Path part = MediaFiles.partOf(dir.resolve("recordings/camera0").resolve(filename));
        MediaTesting.await("media in the .part file", Duration.ofSeconds(20), () -> part.toFile().length() > 50_000);
      }
    } finally {
      killWithDescendants(child);
    }
    Path file = dir.resolve("recordings/camera0").resolve(filename);
    assertThat(MediaFiles.partOf(file)).exists();
    assertThat(file).doesNotExist();
    // The restart must come visibly later than the start for the assertion below to tell the two apart.
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plusSeconds(5)).toMillis()));

    Instant restarted = Instant.now();
    try (TestService service = TestService.start(dir, MediaTesting.testPatterns(1)).awaitCatalog();
        RpcClient client = service.connect(Role.ADMIN)) {
      MediaTesting.await("the recovered file", Duration.ofSeconds(30),
          () -> Files.exists(file) && !Files.exists(MediaFiles.partOf(file)));
      JsonObject info = Poll.until("the recovered file's catalog time",
          () -> client.call("get_recording_info", new JsonObject().put("filename", filename)),
          answer -> answer.containsKey("result") && Instant.parse(answer.getJsonObject("result")
              .getString("created_time")).isBefore(restarted), Duration.ofSeconds(30)).getJsonObject("result");
      Instant created = Instant.parse(info.getString("created_time"));
      assertThat(Duration.between(started, created).abs()).isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(Duration.between(created, Files.getLastModifiedTime(file).toInstant()))
          .as("the remux at the restart wrote the file").isGreaterThan(Duration.ofSeconds(3));
      assertThat(info.getLong("file_size")).isEqualTo(Files.size(file));
      Instant inFile = Instant.parse(new JsonObject(Commands.run(List.of("ffprobe", "-v", "error", "-show_entries",
          "format_tags=creation_time", "-of", "json", file.toString()), Duration.ofSeconds(30)).stdout())
          .getJsonObject("format").getJsonObject("tags").getString("creation_time"));
      assertThat(Duration.between(started, inFile).abs()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  private Process startChild(Path stdout) throws Exception {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.putObject("server").put("host", "127.0.0.1").put("port", 0);
    config.putObject("storage").put("data_dir", dir.toString());
    MediaTesting.testPatterns(1).accept(config);
    Path configFile = dir.resolve("config.yaml"); // JSON is YAML
    new ObjectMapper().writeValue(configFile.toFile(), config);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.cameraservice.cli.Main", "serve", "--config",
        configFile.toString());
    builder.environment().put("CAMERA_SERVICE_AUTH_JWT_SECRET", TestService.SECRET);
    builder.redirectOutput(stdout.toFile()).redirectError(dir.resolve("child-stderr.log").toFile());
    return builder.start();
  }

  private static int listeningPort(Path stdout) {
    try {
      for (String line : Files.readAllLines(stdout)) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      return 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** SIGKILL to the service, then to the ffmpeg it leaves behind (which would otherwise run on until it notices). */
  private static void killWithDescendants(Process child) throws InterruptedException {
    List<ProcessHandle> descendants = child.descendants().toList();
    child.destroyForcibly();
    child.waitFor(20, TimeUnit.SECONDS);
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
