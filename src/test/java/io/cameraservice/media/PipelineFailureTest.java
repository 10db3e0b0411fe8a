package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.probe;
import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when the ffmpeg child dies under the service (killed here with SIGKILL, as the OOM killer would). */
class PipelineFailureTest {

  @TempDir
  Path dir;

  @Test
  void recordingSurvivesPipelineCrashAsAReadableFileWithStatusError() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject started = operator.result("start_recording", new JsonObject().put("device", "camera0"));
      operator.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
      Thread.sleep(1_500); // something worth keeping in the file; not a synchronisation
      long pid = MediaTesting.pipelinePids(admin).get(0);

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();

      // The camera fails first, then the recording ends (after its file is closed).
      boolean[] cameraFailed = new boolean[1];
      JsonObject error = operator.awaitNotification(n -> {
        cameraFailed[0] |= MediaTesting.cameraUpdate(n, "camera0", "ERROR");
        return MediaTesting.recordingUpdate(n, "ERROR");
      }).getJsonObject("params");
      assertThat(cameraFailed[0]).isTrue();
      assertThat(error.getString("filename")).isEqualTo(started.getString("filename"));
      assertThat(error.getString("error")).contains("pipeline failed");
      JsonObject info = probe(dir.resolve("recordings/camera0").resolve(started.getString("filename")));
      assertThat(Double.parseDouble(info.getJsonObject("format").getString("duration"))).isGreaterThan(1.0);
      assertThat(info.getJsonObject("stream").getString("codec_name")).isEqualTo("h264");
      assertThat(operator.call("stop_recording", new JsonObject().put("device", "camera0"))
          .getJsonObject("error").getInteger("code")).isEqualTo(-32020);
      JsonObject metrics = admin.result("get_metrics", null);
      assertThat(metrics.getJsonObject("recording_metrics").getLong("failed_total")).isEqualTo(1);
      assertThat(metrics.getJsonObject("camera_metrics").getJsonObject("cameras").getJsonObject("camera0")
          .getInteger("restarts")).isEqualTo(1);

      // The camera is usable again: the next recording starts a new pipeline and the camera is CONNECTED.
      operator.result("start_recording", new JsonObject().put("device", "camera0"));
      operator.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera0", "CONNECTED"));
      assertThat(MediaTesting.pipelinePids(admin)).doesNotContain(pid);
    }
  }

  @Test
  void crashedPipelineThatIsStillWantedRestartsWithGrowingDelays() throws Exception {
    try (TestService service = TestService.start(dir, MediaTesting.and(testPatterns(1), tree -> tree.with("media")
        .with("restart").put("initial_delay_ms", 400).put("max_delay_ms", 1600).put("multiplier", 2.0)));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      operator.result("start_streaming", new JsonObject().put("device", "camera0"));
      List<Long> announced = new ArrayList<>();
      List<Long> waited = new ArrayList<>();
      long pid = MediaTesting.pipelinePids(admin).get(0);
      for (int crash = 1; crash <= 4; crash++) {
        long killedAt = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long[] next = {-1};
        MediaTesting.await("the restart to be scheduled", Duration.ofSeconds(5), () -> {
          Long ms = camera0(admin).getLong("next_restart_ms");
          next[0] = ms == null ? -1 : ms;
          return ms != null;
        });
        announced.add(next[0]);
        long previous = pid;
        MediaTesting.await("a new ffmpeg", Duration.ofSeconds(10), () -> {
          List<Long> pids = MediaTesting.pipelinePids(admin);
          return !pids.isEmpty() && pids.get(0) != previous;
        });
        waited.add((System.nanoTime() - killedAt) / 1_000_000);
        pid = MediaTesting.pipelinePids(admin).get(0);
        assertThat(camera0(admin).getInteger("restarts")).isEqualTo(crash);
      }
      assertThat(announced).containsExactly(400L, 800L, 1600L, 1600L);
      for (int i = 0; i < announced.size(); i++) {
        assertThat(waited.get(i)).as("restart %d waited its delay", i + 1).isGreaterThanOrEqualTo(announced.get(i));
      }
      MediaTesting.await("streaming again", Duration.ofSeconds(10), () -> "ACTIVE".equals(operator.result(
          "get_stream_status", new JsonObject().put("device", "camera0")).getString("status")));
    }
  }

  @Test
  void anFfmpegThatExitsAtOnceIsNoticedEveryTimeAndRestarted() throws Exception {
    // Its exit races the pipeline learning which run it started; every exit must still count as a crash.
    Path ffmpeg = dir.resolve("ffmpeg-exits");
    java.nio.file.Files.writeString(ffmpeg, "#!/bin/sh\nexit 1\n");
    java.nio.file.Files.setPosixFilePermissions(ffmpeg,
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    try (TestService service = TestService.start(dir.resolve("data"), MediaTesting.and(testPatterns(1),
        tree -> tree.with("media").put("ffmpeg_path", ffmpeg.toString()).with("restart")
            .put("initial_delay_ms", 50).put("max_delay_ms", 50)));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      for (int attempt = 0; attempt < 20; attempt++) {
        JsonObject error = operator.call("start_streaming", new JsonObject().put("device", "camera0"))
            .getJsonObject("error");
        assertThat(error).as("attempt %d", attempt).isNotNull();
        assertThat(error.getInteger("code")).isEqualTo(-32050);
        assertThat(error.getJsonObject("data").getString("detail")).contains("exited with status 1");
      }
      assertThat(camera0(admin).getInteger("restarts")).isGreaterThanOrEqualTo(19);
    }
  }

  @Test
  void aFailedRemuxEndsTheRecordingInErrorKeepsItsDataAndLeavesNothingWriting() throws Exception {
    // The real ffmpeg, except that it refuses to remux a finished .part file into mp4.
    Path ffmpeg = dir.resolve("ffmpeg-no-remux");
    java.nio.file.Files.writeString(ffmpeg, "#!/bin/sh\n"
        + "case \"$*\" in *.part*-c\\ copy*) echo 'remux refused' >&2; exit 1 ;; esac\n"
        + "exec ffmpeg \"$@\"\n");
    java.nio.file.Files.setPosixFilePermissions(ffmpeg,
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    try (TestService service = TestService.start(dir.resolve("data"), MediaTesting.and(testPatterns(1),
        tree -> tree.with("media").put("ffmpeg_path", ffmpeg.toString())));
        RpcClient operator = service.connect(Role.OPERATOR)) {
      JsonObject params = new JsonObject().put("device", "camera0");
      String filename = operator.result("start_recording", params.copy().put("format", "mp4"))
          .getString("filename");
      operator.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
      JsonObject error = operator.call("stop_recording", params).getJsonObject("error");
      assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("recording_failed");
      assertThat(error.getJsonObject("data").getString("detail")).contains("remux");
      // The recorded media waits in its .part file for the next start; the catalog holds no row stuck "writing".
      Path folder = dir.resolve("data/recordings/camera0");
      assertThat(folder.resolve(filename + ".part")).exists();
      MediaTesting.await("no row left writing", Duration.ofSeconds(10), () -> operator.result("list_recordings",
          new JsonObject()).getLong("total") == 0);
      assertThat(operator.call("delete_recording", new JsonObject().put("filename", filename))
          .getJsonObject("error").getInteger("code")).isEqualTo(-32010);
    }
  }

  private static JsonObject camera0(RpcClient admin) {
    return admin.result("get_metrics", null).getJsonObject("camera_metrics").getJsonObject("cameras")
        .getJsonObject("camera0");
  }
}
