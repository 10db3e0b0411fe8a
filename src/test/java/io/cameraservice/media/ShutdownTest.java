package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.probe;
import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.process.ChildProcessTracker;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopping service leaves no ffmpeg behind and no half-written recording. */
class ShutdownTest {

  @TempDir
  Path dir;

  @Test
  void noFfmpegSurvivesTheServiceAndRecordingsEndCleanly() throws Exception {
    TestService service = TestService.start(dir, testPatterns(2));
    List<Long> pids;
    String filename;
    try (RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      filename = operator.result("start_recording", new JsonObject().put("device", "camera0").put("format", "mp4"))
          .getString("filename");
      operator.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
      operator.result("start_streaming", new JsonObject().put("device", "camera1"));
      String live = operator.result("get_stream_url", new JsonObject().put("device", "camera1"))
          .getString("stream_url");
      InputStream viewer = LiveViewer.get(service.port(), live, null).body();
      viewer.readNBytes(1024);
      pids = MediaTesting.pipelinePids(admin);
      assertThat(pids).hasSize(2).allMatch(MediaTesting::alive);

      service.stop();

      assertThat(pids).noneMatch(MediaTesting::alive);
      assertThat(ChildProcessTracker.livePids()).isEmpty();
      assertThat(LiveStreamTest.ffmpegChildren()).isZero();
      JsonObject stopped = operator.awaitNotification(n -> MediaTesting.recordingUpdate(n, "STOPPED"));
      assertThat(stopped.getJsonObject("params").getString("filename")).isEqualTo(filename);
      viewer.close();
    }
    Path file = dir.resolve("recordings/camera0").resolve(filename);
    assertThat(MediaFiles.partOf(file)).doesNotExist();
    assertThat(probe(file).getJsonObject("stream").getString("codec_name")).isEqualTo("h264");
  }
}
