package io.cameraservice.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.cameraservice.testing.TinyDisk;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recording on a disk that really fills up (a 4 MiB {@link TinyDisk} holding the data directory and the catalog;
 * no free-space floor, so the write itself meets ENOSPC): something else fills the disk while the service records
 * from a real ffmpeg pipeline.
 */
class DiskFullRecordingTest {

  @RegisterExtension
  final TinyDisk disk = new TinyDisk("4m");

  @Test
  void recordingEndsWithDiskFullAndItsFileIsCompleteAndDeletable() throws Exception {
    try (TestService service = TestService.start(disk.path(), MediaTesting.and(MediaTesting.testPatterns(1), tree -> {
      tree.with("storage").put("min_free_bytes", 0).put("min_free_percent", 0).put("warning_free_percent", 0)
          .put("reclaim_when_full", false);
      tree.with("retention").put("enabled", false);
    })).awaitCatalog(); RpcClient client = service.connect(Role.ADMIN)) {
      String filename = client.result("start_recording", new JsonObject().put("device", "camera0"))
          .getString("filename");
      client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
      Path file = disk.path().resolve("recordings/camera0").resolve(filename);
      MediaTesting.await("media in the file", Duration.ofSeconds(20), () -> file.toFile().length() > 20_000);

      fill(disk.path().resolve("filler"));

      JsonObject ended = client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "ERROR"))
          .getJsonObject("params");
      assertThat(ended.getString("error")).contains("disk full");
      assertThat(ended.getString("filename")).isEqualTo(filename);

      // The file keeps what was written before the disk filled up, and its row is complete: it has an info with
      // its size, and it can be deleted (a row left `writing` would answer -32020), on the still full disk.
      JsonObject info = client.result("get_recording_info", new JsonObject().put("filename", filename));
      assertThat(info.getLong("file_size")).isEqualTo(Files.size(file)).isPositive();
      JsonObject deleted = client.call("delete_recording", new JsonObject().put("filename", filename));
      assertThat(deleted.containsKey("result")).as(deleted.encode()).isTrue();
      assertThat(file).doesNotExist();
      assertThat(client.result("list_recordings", new JsonObject()).getLong("total")).isZero();
    }
  }

  /** What another process filling the disk does: writes until the file system refuses. */
  private static void fill(Path filler) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
  }
}
