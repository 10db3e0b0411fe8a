package io.cameraservice.camera;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.auth.Role;
import io.cameraservice.process.ChildProcessTracker;
import io.cameraservice.process.Commands;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network cameras, played here from a local H.264 clip ({@code file:} URLs are allowed for the test only): probed
 * with ffprobe, copied without re-encoding, added, listed, removed, discovered.
 */
class ExternalStreamsTest {

  @TempDir
  Path dir;
  String clip;

  @BeforeEach
  void clip() throws Exception {
    Path file = dir.resolve("clip.mp4");
    Commands.Result made = Commands.run(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
        "testsrc2=size=320x240:rate=15", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "15",
        "-pix_fmt", "yuv420p", file.toString()), Duration.ofSeconds(30));
    assertThat(made.succeeded()).as(made.reason()).isTrue();
    clip = "file://" + file;
  }

  @Test
  void clipBecomesACameraThatIsRecordedWithoutReencodingAndCanBeRemoved() throws Exception {
    try (TestService service = TestService.start(dir.resolve("data"), allow("file", "rtsp"));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject added = operator.result("add_external_stream", new JsonObject().put("stream_url", clip)
          .put("stream_name", "Gate clip").put("stream_type", "file"));
      assertThat(added.getString("device")).isEqualTo("camera100");
      assertThat(added.getString("status")).isEqualTo("ADDED");
      assertThat(added.getString("codec")).isEqualTo("h264");
      operator.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera100", "CONNECTED"));
      JsonObject caps = operator.result("get_camera_capabilities", new JsonObject().put("device", "camera100"));
      assertThat(caps.getJsonArray("formats")).containsExactly("H264");
      assertThat(caps.getJsonArray("resolutions")).containsExactly("320x240");
      assertThat(caps.getJsonArray("fps_options")).containsExactly(15);

      JsonObject again = operator.call("add_external_stream", new JsonObject().put("stream_url", clip)
          .put("stream_name", "twice"));
      assertThat(again.getJsonObject("error").getInteger("code")).isEqualTo(-32020);

      String filename = operator.result("start_recording", new JsonObject().put("device", "camera100")
          .put("duration", 2)).getString("filename");
      operator.awaitNotification(n -> MediaTesting.recordingUpdate(n, "STOPPED"));
      JsonObject info = MediaTesting.probe(dir.resolve("data/recordings/camera100").resolve(filename));
      assertThat(info.getJsonObject("stream").getString("codec_name")).isEqualTo("h264");
      assertThat(info.getJsonObject("stream").getInteger("width")).isEqualTo(320);
      assertThat(admin.result("get_metrics", null).getJsonObject("camera_metrics").getJsonObject("cameras")
          .getJsonObject("camera100").getString("mode")).isEqualTo("copy");

      JsonObject listed = operator.result("get_external_streams", null);
      assertThat(listed.getInteger("total")).isEqualTo(1);
      JsonObject stream = listed.getJsonArray("external_streams").getJsonObject(0);
      assertThat(stream.getString("stream_name")).isEqualTo("Gate clip");
      assertThat(stream.getString("status")).isEqualTo("CONNECTED");
      assertThat(stream.getString("resolution")).isEqualTo("320x240");

      JsonObject removed = operator.result("remove_external_stream", new JsonObject().put("stream_url", clip));
      assertThat(removed.getString("status")).isEqualTo("REMOVED");
      operator.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera100", "DISCONNECTED"));
      assertThat(operator.call("get_camera_status", new JsonObject().put("device", "camera100"))
          .getJsonObject("error").getInteger("code")).isEqualTo(-32010);
      assertThat(operator.call("remove_external_stream", new JsonObject().put("stream_url", clip))
          .getJsonObject("error").getInteger("code")).isEqualTo(-32010);
    }
  }

  @Test
  void unreachableOrForbiddenUrlsAreRefusedWithoutShowingPasswords() {
    try (TestService service = TestService.start(dir.resolve("data"), allow("file", "rtsp"));
        RpcClient operator = service.connect(Role.OPERATOR)) {
      JsonObject scheme = operator.call("add_external_stream", new JsonObject()
          .put("stream_url", "http://127.0.0.1:1/live").put("stream_name", "web")).getJsonObject("error");
      assertThat(scheme.getInteger("code")).isEqualTo(-32602);
      assertThat(scheme.getJsonObject("data").getString("param")).isEqualTo("stream_url");

      JsonObject missing = operator.call("add_external_stream", new JsonObject()
          .put("stream_url", "file://" + dir.resolve("missing.mp4")).put("stream_name", "gone"))
          .getJsonObject("error");
      assertThat(missing.getInteger("code")).isEqualTo(-32050);
      assertThat(missing.getJsonObject("data").getString("reason")).isEqualTo("stream_unreachable");

      JsonObject refused = operator.call("add_external_stream", new JsonObject()
          .put("stream_url", "rtsp://admin:hunter2@127.0.0.1:1/stream").put("stream_name", "door"));
      assertThat(refused.getJsonObject("error").getInteger("code")).isEqualTo(-32050);
      assertThat(refused.encode()).doesNotContain("hunter2");

      JsonObject tokened = operator.call("add_external_stream", new JsonObject()
          .put("stream_url", "rtsp://127.0.0.1:1/stream?channel=1&token=s3cr3tTok&PWD=pw9").put("stream_name", "q"));
      assertThat(tokened.getJsonObject("error").getInteger("code")).isEqualTo(-32050);
      assertThat(tokened.encode()).doesNotContain("s3cr3tTok").doesNotContain("pw9");
    }
  }

  /**
   * An HTTP camera that asks for basic auth and a token: ffprobe and ffmpeg get both (the stream is added and
   * connects), yet no child's command line shows the user, the password or the token, no child inherits a
   * CAMERA_SERVICE_* variable, and the answers show the URL redacted. The response never ends, like a camera's,
   * so ffmpeg is still running when its /proc entries are read.
   */
  @Test
  void authenticatedSourceIsOpenedWithoutItsSecretsOnAnyCommandLine() throws Exception {
    Path ts = dir.resolve("cam.ts");
    Commands.Result made = Commands.run(List.of("ffmpeg", "-v", "error", "-i", clip.substring("file://".length()),
        "-c", "copy", "-f", "mpegts", ts.toString()), Duration.ofSeconds(30));
    assertThat(made.succeeded()).as(made.reason()).isTrue();
    Buffer body = Buffer.buffer(Files.readAllBytes(ts));
    String basic = "Basic " + Base64.getEncoder().encodeToString("camuser:hunter2".getBytes(StandardCharsets.UTF_8));
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer camera = vertx.createHttpServer().requestHandler(request -> {
        if (!basic.equals(request.getHeader("Authorization")) || !"tok3n".equals(request.getParam("token"))) {
          request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"cam\"").end();
          return;
        }
        request.response().setChunked(true).putHeader("Content-Type", "video/mp2t").write(body);
      }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
      String url = "http://camuser:hunter2@127.0.0.1:" + camera.actualPort() + "/cam.ts?token=tok3n";
      try (TestService service = TestService.start(dir.resolve("data"), allow("http"));
          RpcClient operator = service.connect(Role.OPERATOR);
          RpcClient viewer = service.connect(Role.VIEWER)) {
        JsonObject added = operator.result("add_external_stream", new JsonObject().put("stream_url", url)
            .put("stream_name", "door"));
        assertThat(added.encode()).doesNotContain("hunter2").doesNotContain("tok3n");
        operator.awaitNotification(n -> MediaTesting.cameraUpdate(n, added.getString("device"), "CONNECTED"));
        // A recording keeps the camera's ffmpeg running while its /proc entries are read.
        operator.result("start_recording", new JsonObject().put("device", added.getString("device")));
        List<Long> pids = Poll.until("a running ffmpeg", ChildProcessTracker::livePids, p -> !p.isEmpty(),
            Duration.ofSeconds(10));
        for (long pid : pids) {
          String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
          assertThat(cmdline).contains("ffmpeg").doesNotContain("hunter2").doesNotContain("camuser")
              .doesNotContain("tok3n");
          assertThat(Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8))
              .doesNotContain("CAMERA_SERVICE_");
        }
        String listed = viewer.result("get_external_streams", null).encode();
        assertThat(listed).contains("127.0.0.1").doesNotContain("hunter2").doesNotContain("tok3n");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void configuredStreamWhoseSourceVanishedFailsWithTheFfmpegReason() throws Exception {
    try (TestService service = TestService.start(dir.resolve("data"), allow("file").andThen(tree ->
        tree.with("cameras").putArray("external_streams").addObject().put("id", "camera20").put("url", clip)
            .put("name", "Yard")));
        RpcClient operator = service.connect(Role.OPERATOR)) {
      MediaTesting.await("camera20 probed", Duration.ofSeconds(10), () -> "CONNECTED".equals(operator.result(
          "get_camera_status", new JsonObject().put("device", "camera20")).getString("status")));
      Files.delete(Path.of(clip.substring("file://".length())));

      JsonObject error = operator.call("start_recording", new JsonObject().put("device", "camera20"))
          .getJsonObject("error");
      assertThat(error.getInteger("code")).isEqualTo(-32050);
      assertThat(error.getJsonObject("data").getString("dependency")).isEqualTo("ffmpeg");
      assertThat(error.getJsonObject("data").getString("detail")).contains("No such file");
      operator.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera20", "ERROR"));
    }
  }

  @Test
  void discoveryProbesOnlyConfiguredCandidates() {
    try (TestService service = TestService.start(dir.resolve("data"), allow("file"));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      assertThat(operator.call("discover_external_streams").getJsonObject("error").getInteger("code"))
          .isEqualTo(-32030);
      assertThat(admin.call("set_discovery_interval", new JsonObject().put("scan_interval", 60))
          .getJsonObject("error").getInteger("code")).isEqualTo(-32030);
    }
    String missing = "file://" + dir.resolve("missing.mp4");
    try (TestService service = TestService.start(dir.resolve("data2"), allow("file").andThen(tree ->
        tree.with("cameras").putArray("discovery_candidates").add(clip).add(missing)));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject found = operator.result("discover_external_streams", null);
      assertThat(found.getInteger("candidates_probed")).isEqualTo(2);
      assertThat(found.getInteger("reachable")).isEqualTo(1);
      JsonArray results = found.getJsonArray("discovered_streams");
      assertThat(results.getJsonObject(0).getBoolean("new")).isTrue();
      assertThat(results.getJsonObject(0).getString("device")).isEqualTo("camera100");
      assertThat(results.getJsonObject(1).getBoolean("reachable")).isFalse();
      assertThat(operator.result("discover_external_streams", null).getJsonArray("discovered_streams")
          .getJsonObject(0).getBoolean("new")).as("found once").isFalse();

      JsonObject interval = admin.result("set_discovery_interval", new JsonObject().put("scan_interval", 60));
      assertThat(interval.getInteger("scan_interval")).isEqualTo(60);
      assertThat(operator.result("get_system_status", null).getBoolean("discovery_active")).isTrue();
      assertThat(admin.call("set_discovery_interval", new JsonObject().put("scan_interval", -1))
          .getJsonObject("error").getInteger("code")).isEqualTo(-32602);
    }
  }

  private static Consumer<ObjectNode> allow(String... schemes) {
    return testPatterns(0).andThen(tree -> {
      var list = tree.with("cameras").putArray("external_url_schemes");
      for (String s : schemes) {
        list.add(s);
      }
    });
  }
}
