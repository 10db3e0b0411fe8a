package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code take_snapshot} from idle and running pipelines: real JPEG files of the right size, announced. */
class SnapshotTest {

  @TempDir
  Path dir;

  @Test
  void snapshotsOfIdleAndRunningCamerasAreValidJpegs() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      operator.result("subscribe_events", new JsonObject().put("topics", new JsonArray().add("snapshot.taken")));

      JsonObject idle = operator.result("take_snapshot", new JsonObject().put("device", "camera0"));
      assertThat(idle.getString("status")).isEqualTo("SUCCESS");
      assertThat(idle.getString("filename")).matches("camera0_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}\\.jpg");
      assertThat(idle.containsKey("file_path")).as("paths are for admins").isFalse();
      Path first = jpeg(idle, 320, 240);
      JsonObject event = operator.awaitNotification(n -> "snapshot_taken".equals(n.getString("method")))
          .getJsonObject("params");
      assertThat(event.getString("filename")).isEqualTo(idle.getString("filename"));
      assertThat(event.getLong("file_size")).isEqualTo(Files.size(first));
      assertThat(event.getString("timestamp")).isEqualTo(idle.getString("timestamp"));

      JsonObject running = admin.result("take_snapshot", new JsonObject().put("device", "camera0"));
      assertThat(running.getString("filename")).isNotEqualTo(idle.getString("filename"));
      assertThat(running.getString("file_path")).isEqualTo(jpeg(running, 320, 240).toString());

      JsonObject rough = operator.result("take_snapshot", new JsonObject().put("device", "camera0")
          .put("quality", 5).put("filename", "door"));
      JsonObject fine = operator.result("take_snapshot", new JsonObject().put("device", "camera0")
          .put("quality", 100).put("filename", "door.jpg"));
      assertThat(rough.getString("filename")).isEqualTo("door.jpg");
      assertThat(fine.getString("filename")).as("a taken name gets a suffix").isEqualTo("door_1.jpg");
      jpeg(rough, 320, 240);
      jpeg(fine, 320, 240);
      assertThat(rough.getLong("file_size")).isLessThan(fine.getLong("file_size"));
      assertThat(operator.result("list_snapshots", new JsonObject().put("device", "camera0")).getInteger("total"))
          .as("every snapshot is in the catalog").isEqualTo(4);
    }
  }

  private Path jpeg(JsonObject result, int width, int height) throws Exception {
    Path file = dir.resolve("snapshots/camera0").resolve(result.getString("filename"));
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes.length).isEqualTo(result.getLong("file_size").intValue()).isGreaterThan(1000);
    assertThat(bytes[0] & 0xff).isEqualTo(0xff);
    assertThat(bytes[1] & 0xff).isEqualTo(0xd8);
    assertThat(bytes[bytes.length - 2] & 0xff).isEqualTo(0xff);
    assertThat(bytes[bytes.length - 1] & 0xff).isEqualTo(0xd9);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    assertThat(result.getString("resolution")).isEqualTo(width + "x" + height);
    return file;
  }
}
