package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error the media methods answer, driven through the real service. */
class MediaErrorsTest {

  private static final String[] CAMERA_METHODS = {"get_camera_status", "get_camera_capabilities", "take_snapshot",
      "start_recording", "stop_recording", "start_streaming", "stop_streaming", "get_stream_url",
      "get_stream_status"};

  @TempDir
  Path dir;

  @Test
  void unknownCameraIsNotFoundEverywhereAndBadParamsArePrecise() {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient client = service.connect(Role.OPERATOR)) {
      for (String method : CAMERA_METHODS) {
        JsonObject error = error(client.call(method, new JsonObject().put("device", "camera9")));
        assertThat(error.getInteger("code")).as(method).isEqualTo(-32010);
        assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("camera_not_found");
        assertThat(error.getJsonObject("data").getString("id")).isEqualTo("camera9");
      }
      assertParam(client.call("start_recording", new JsonObject().put("device", "/dev/video0")), "device");
      assertParam(client.call("start_recording", new JsonObject().put("device", "camera0").put("format", "avi")),
          "format");
      assertParam(client.call("start_recording", new JsonObject().put("device", "camera0").put("duration", 0)),
          "duration");
      assertParam(client.call("start_recording", new JsonObject().put("device", "camera0").put("duration", "10")),
          "duration");
      assertParam(client.call("take_snapshot", new JsonObject().put("device", "camera0").put("quality", 101)),
          "quality");
      assertParam(client.call("take_snapshot", new JsonObject().put("device", "camera0").put("format", "png")),
          "format");
      for (String name : new String[] {"../escape", "a/b.jpg", ".hidden", "shot.png", "bad\u0001name", ""}) {
        assertParam(client.call("take_snapshot", new JsonObject().put("device", "camera0").put("filename", name)),
            "filename");
      }
    }
  }

  @Test
  void startWhileRecordingAndStopWhileIdleAreInvalidState() {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient client = service.connect(Role.OPERATOR)) {
      JsonObject idle = error(client.call("stop_recording", new JsonObject().put("device", "camera0")));
      assertThat(idle.getInteger("code")).isEqualTo(-32020);
      assertThat(idle.getJsonObject("data").getString("reason")).isEqualTo("not_recording");
      assertThat(error(client.call("stop_streaming", new JsonObject().put("device", "camera0")))
          .getInteger("code")).isEqualTo(-32020);

      client.result("start_recording", new JsonObject().put("device", "camera0"));
      JsonObject twice = error(client.call("start_recording", new JsonObject().put("device", "camera0")));
      assertThat(twice.getInteger("code")).isEqualTo(-32020);
      assertThat(twice.getJsonObject("data").getString("reason")).isEqualTo("already_recording");
      assertThat(twice.getJsonObject("data").getJsonArray("allowed_states")).containsExactly("STOPPED");
      client.result("stop_recording", new JsonObject().put("device", "camera0"));
    }
  }

  @Test
  void spaceGuardRefusesRecordingsAndSnapshots() {
    try (TestService service = TestService.start(dir, MediaTesting.and(testPatterns(1),
        tree -> tree.with("storage").put("min_free_bytes", Long.MAX_VALUE / 2)));
        RpcClient client = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      for (String method : new String[] {"start_recording", "take_snapshot"}) {
        JsonObject error = error(client.call(method, new JsonObject().put("device", "camera0")));
        assertThat(error.getInteger("code")).as(method).isEqualTo(-32060);
        assertThat(error.getJsonObject("data").getLong("required_bytes")).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(error.getJsonObject("data").getLong("available_bytes")).isPositive();
      }
      assertThat(MediaTesting.pipelinePids(admin)).as("nothing was started").isEmpty();
      assertThat(error(client.call("stop_recording", new JsonObject().put("device", "camera0")))
          .getInteger("code")).as("a refused recording leaves no trace").isEqualTo(-32020);
    }
  }

  @Test
  void ffmpegThatCannotRunIsDependencyFailed() throws Exception {
    try (TestService service = TestService.start(dir, MediaTesting.and(testPatterns(1),
        tree -> tree.with("media").put("ffmpeg_path", dir.resolve("no-such-ffmpeg").toString())));
        RpcClient client = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      for (String method : new String[] {"start_recording", "take_snapshot", "start_streaming"}) {
        JsonObject error = error(client.call(method, new JsonObject().put("device", "camera0")));
        assertThat(error.getInteger("code")).as(method).isEqualTo(-32050);
        assertThat(error.getJsonObject("data").getString("dependency")).isEqualTo("ffmpeg");
        assertThat(error.getJsonObject("data").getString("detail")).contains("cannot start ffmpeg");
      }
      // Over HTTP the same failure is 503, without a Retry-After: nothing says when ffmpeg will run again.
      for (String path : new String[] {"/snapshot/camera0.jpg", "/live/camera0.mp4", "/live/camera0.mjpeg"}) {
        java.net.http.HttpResponse<java.io.InputStream> refused = LiveViewer.get(service.port(), path,
            service.token(Role.VIEWER));
        assertThat(refused.statusCode()).as(path).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).as(path).isEmpty();
        assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
        try (java.io.InputStream body = refused.body()) {
          JsonObject error = new JsonObject(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
              .getJsonObject("error");
          assertThat(error.getInteger("code")).as(path).isEqualTo(-32050);
          assertThat(error.getJsonObject("data").getString("dependency")).as(path).isEqualTo("ffmpeg");
        }
      }
      MediaTesting.await("health to notice", java.time.Duration.ofSeconds(10), () -> "ERROR".equals(
          admin.result("get_status", null).getJsonObject("components").getString("mediamtx")));
    }
  }

  private static void assertParam(JsonObject response, String param) {
    JsonObject error = error(response);
    assertThat(error.getInteger("code")).as(param).isEqualTo(-32602);
    assertThat(error.getJsonObject("data").getString("param")).isEqualTo(param);
    assertThat(error.getJsonObject("data").getString("rule")).isNotBlank();
  }

  private static JsonObject error(JsonObject response) {
    assertThat(response.containsKey("error")).as(response.encode()).isTrue();
    return response.getJsonObject("error");
  }
}
