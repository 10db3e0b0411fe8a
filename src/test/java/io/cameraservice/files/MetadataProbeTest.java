package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata of files completed by a producer: one ffprobe per file version however many parts of the service want it,
 * and a probe the busy process pool refuses leaves the file unprobed (to be probed later), never "probed, nothing
 * known". ffprobe is the real one behind a wrapper script that logs each run and is slow for files named slow*.
 */
class MetadataProbeTest {

  @TempDir
  Path dir;

  private Path wrapper(Path log) throws Exception {
    Path script = dir.resolve("ffprobe-logged");
    Files.writeString(script, "#!/bin/sh\n"
        + "for last; do :; done\n"
        + "echo \"$last\" >> '" + log + "'\n"
        + "case \"$last\" in *slow*) sleep 2 ;; esac\n"
        + "exec ffprobe \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private TestService start(Path ffprobe) {
    Path data = dir.resolve("data");
    return TestService.start(data, tree -> {
      tree.with("media").put("ffprobe_path", ffprobe.toString());
      // One probe running and one waiting: a third is refused at once.
      tree.with("limits").with("queues").with("process").put("threads", 1).put("capacity", 1);
      tree.with("retention").put("enabled", false);
    }).awaitCatalog();
  }

  /** Registers a recording, writes the sample into it and completes it; the future answers the completed file. */
  private static Future<MediaFile> produce(MediaIntake intake, String name) throws Exception {
    Path path = intake.begin(MediaKind.RECORDING, "camera0", name, null, 0).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    Files.copy(MediaSamples.mp4(), path, StandardCopyOption.REPLACE_EXISTING);
    return intake.complete(MediaKind.RECORDING, "camera0", name);
  }

  private static boolean backfillIdle(RpcClient admin) {
    return admin.result("get_metrics", null).getJsonObject("file_metrics").getJsonObject("catalog")
        .getBoolean("metadata_backfill_idle");
  }

  private static long runsFor(Path log, String name) {
    try {
      return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.endsWith("/" + name)).count() : 0;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCompletedRecordingIsProbedOnceThoughTheBackfillWantsItToo() throws Exception {
    Path log = dir.resolve("probes.log");
    try (TestService service = start(wrapper(log)); RpcClient admin = service.connect(Role.ADMIN)) {
      MediaFile file = produce(service.mediaIntake(), "camera0_once.mp4").toCompletionStage()
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(file.duration()).isCloseTo(MediaSamples.DURATION_SECONDS, org.assertj.core.data.Offset.offset(0.5));
      Poll.until(() -> backfillIdle(admin), idle -> idle, Duration.ofSeconds(20));
      assertThat(runsFor(log, "camera0_once.mp4")).isEqualTo(1);
    }
  }

  @Test
  void aProbeRefusedByTheBusyPoolLeavesTheFileToBeProbedLater() throws Exception {
    Path log = dir.resolve("probes.log");
    try (TestService service = start(wrapper(log)); RpcClient admin = service.connect(Role.ADMIN)) {
      MediaIntake intake = service.mediaIntake();
      // Two slow probes fill the pool (one running, one waiting), so the third file's probe is refused.
      List<Future<MediaFile>> slow = List.of(produce(intake, "camera0_slow1.mp4"),
          produce(intake, "camera0_slow2.mp4"));
      MediaFile refused = produce(intake, "camera0_target.mp4").toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      assertThat(refused.state()).isEqualTo(MediaState.COMPLETE);
      Future.join(slow).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Poll.until(() -> backfillIdle(admin), idle -> idle, Duration.ofSeconds(20));

      JsonObject info = admin.result("get_recording_info", new JsonObject().put("filename", "camera0_target.mp4"));
      assertThat(info.getDouble("duration")).isCloseTo(MediaSamples.DURATION_SECONDS,
          org.assertj.core.data.Offset.offset(0.5));
    }
  }
}
