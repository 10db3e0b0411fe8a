package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.probe;
import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings from a real ffmpeg pipeline on a lavfi test pattern, checked with ffprobe. */
class RecordingTest {

  @TempDir
  Path dir;

  @Test
  void threeSecondRecordingIsPlayableWithTheRightDurationCodecAndSize() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient client = service.connect(Role.OPERATOR)) {
      JsonObject started = client.result("start_recording", new JsonObject().put("device", "camera0"));
      assertThat(started.getString("status")).isIn("STARTING", "RECORDING");
      assertThat(started.getString("format")).isEqualTo("fmp4");
      String filename = started.getString("filename");
      assertThat(filename).matches("camera0_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}\\.mp4");

      client.awaitNotification(n -> "recording_status_update".equals(n.getString("method"))
          && "RECORDING".equals(n.getJsonObject("params").getString("status")));
      Thread.sleep(3_000); // the length of the recording under test, not a synchronisation
      JsonObject stopped = client.result("stop_recording", new JsonObject().put("device", "camera0"));

      assertThat(stopped.getString("status")).isEqualTo("STOPPED");
      assertThat(stopped.getString("filename")).isEqualTo(filename);
      Path file = dir.resolve("recordings").resolve("camera0").resolve(filename);
      assertThat(stopped.getLong("file_size")).isEqualTo(Files.size(file));
      JsonObject info = probe(file);
      assertThat(info.getJsonObject("stream").getString("codec_name")).isEqualTo("h264");
      assertThat(info.getJsonObject("stream").getInteger("width")).isEqualTo(320);
      assertThat(info.getJsonObject("stream").getInteger("height")).isEqualTo(240);
      double duration = Double.parseDouble(info.getJsonObject("format").getString("duration"));
      assertThat(duration).isCloseTo(3.0, within(0.5));
      assertThat(stopped.getDouble("duration")).isCloseTo(duration, within(0.2));
    }
  }
}
