package io.cameraservice.camera;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera methods and the system views of cameras and media, on test-pattern cameras. */
class CameraMethodsTest {

  @TempDir
  Path dir;

  @Test
  void camerasAndMediaAppearInEveryViewWithTheContractFields() {
    try (TestService service = TestService.start(dir, testPatterns(2));
        RpcClient viewer = service.connect(Role.VIEWER);
        RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject list = viewer.result("get_camera_list", null);
      assertThat(list.getInteger("total")).isEqualTo(2);
      assertThat(list.getInteger("connected")).isEqualTo(2);
      JsonObject camera = list.getJsonArray("cameras").getJsonObject(0);
      assertThat(camera.fieldNames()).containsExactlyInAnyOrder("device", "status", "name", "resolution", "fps",
          "streams");
      assertThat(camera.getString("device")).isEqualTo("camera0");
      assertThat(camera.getString("status")).isEqualTo("CONNECTED");
      assertThat(camera.getString("name")).isEqualTo("Test pattern camera0");
      assertThat(camera.getString("resolution")).isEqualTo("320x240");
      assertThat(camera.getInteger("fps")).isEqualTo(15);
      assertThat(camera.getJsonObject("streams").getString("fmp4")).startsWith("/live/camera0.mp4?expires=");

      JsonObject status = viewer.result("get_camera_status", new JsonObject().put("device", "camera1"));
      assertThat(status.getJsonObject("metrics").fieldNames()).containsExactlyInAnyOrder("bytes_sent", "readers",
          "uptime");
      assertThat(status.getJsonObject("capabilities").getJsonArray("resolutions")).containsExactly("320x240");
      JsonObject caps = viewer.result("get_camera_capabilities", new JsonObject().put("device", "camera1"));
      assertThat(caps.getJsonArray("fps_options")).containsExactly(15);
      assertThat(caps.getString("validation_status")).isEqualTo("CONFIRMED");

      JsonObject system = viewer.result("get_system_status", null);
      assertThat(system.getString("status")).isEqualTo("ready");
      assertThat(system.getJsonArray("available_cameras")).containsExactly("camera0", "camera1");
      assertThat(system.getBoolean("discovery_active")).isFalse();

      JsonObject info = viewer.result("get_server_info", null);
      assertThat(info.getJsonArray("capabilities")).contains("recording", "snapshots", "live_streaming");
      assertThat(info.getJsonArray("supported_formats")).contains("fmp4", "mp4", "mkv", "jpg");

      MediaTesting.await("media backend checked", Duration.ofSeconds(10), () -> "RUNNING".equals(
          admin.result("get_status", null).getJsonObject("components").getString("mediamtx")));
      assertThat(admin.result("get_status", null).getJsonObject("components").getString("camera_monitor"))
          .isEqualTo("RUNNING");

      viewer.result("get_stream_status", new JsonObject().put("device", "camera0"));
      JsonObject metrics = admin.result("get_metrics", null);
      assertThat(metrics.getJsonObject("camera_metrics").getInteger("total")).isEqualTo(2);
      assertThat(metrics.getJsonObject("camera_metrics").getJsonObject("cameras").getJsonObject("camera0")
          .getString("pipeline")).isEqualTo("IDLE");
      assertThat(metrics.getJsonObject("recording_metrics").getInteger("active")).isZero();
      assertThat(metrics.getJsonObject("stream_metrics").getInteger("viewers")).isZero();
      assertThat(Http.get(service.port(), "/metrics").body()).contains("camera_pipelines_running",
          "stream_viewers", "recordings_active", "stream_bytes_sent_total");
    }
  }
}
