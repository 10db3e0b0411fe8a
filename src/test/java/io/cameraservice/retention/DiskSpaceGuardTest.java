package io.cameraservice.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cameraservice.auth.Role;
import io.cameraservice.files.MediaKind;
import io.cameraservice.domain.Failure;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.cameraservice.testing.TinyDisk;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The disk-space guard on a real, tiny file system: a 16 MiB {@link TinyDisk}. Floor 4 MiB, warning
 * level 8 MiB (50%); files of 2 MiB move free space across the levels.
 */
class DiskSpaceGuardTest {

  static final int MIB = 1 << 20;
  static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

  @RegisterExtension
  final TinyDisk disk = new TinyDisk("16m");

  private TestService start(boolean reclaim) {
    return TestService.start(disk.path(), tree -> {
      tree.with("storage").put("min_free_bytes", 4 * MIB).put("min_free_percent", 0)
          .put("warning_free_percent", 50).put("reclaim_when_full", reclaim).put("check_interval_seconds", 1);
      tree.with("retention").put("enabled", false);
    }).awaitCatalog();
  }

  private RpcClient alertListener(TestService service) {
    RpcClient admin = service.connect(Role.ADMIN);
    admin.result("subscribe_events", new JsonObject().put("topics", new JsonArray(List.of("system.alert"))));
    return admin;
  }

  private static JsonObject awaitAlert(RpcClient client, String severity) {
    return client.awaitNotification(n -> "system_alert".equals(n.getString("method"))
        && severity.equals(n.getJsonObject("params").getString("severity"))).getJsonObject("params");
  }

  private void recording(int i) {
    MediaSamples.placeBytes(disk.path(), "recordings", "camera0", "camera0_" + i + ".mp4", 2 * MIB, T.plusSeconds(i));
  }

  @Test
  void warnsThenRefusesBelowTheFloorAndResolvesWhenSpaceIsFreed() throws Exception {
    try (TestService service = start(false); RpcClient admin = alertListener(service)) {
      assertThat(admin.result("get_storage_info", null).getBoolean("low_space_warning")).isFalse();
      for (int i = 0; i < 4; i++) {
        recording(i);
      }
      JsonObject warning = awaitAlert(admin, "warning");
      assertThat(warning.getString("alert")).isEqualTo("low_disk_space");
      assertThat(warning.getLong("threshold")).isEqualTo(8L * MIB);
      assertThat(warning.getLong("value")).isLessThan(8L * MIB);
      assertThat(warning.getString("timestamp")).endsWith("Z");
      JsonObject storage = admin.result("get_storage_info", null);
      assertThat(storage.getBoolean("low_space_warning")).isTrue();
      assertThat(storage.getLong("total_space")).isEqualTo(16L * MIB);

      recording(4);
      recording(5);
      JsonObject critical = awaitAlert(admin, "critical");
      assertThat(critical.getLong("threshold")).isEqualTo(4L * MIB);

      // New media are refused with -32060, naming what is available and what is required.
      Throwable refused = catchThrowable(() -> service.mediaIntake()
          .begin(MediaKind.SNAPSHOT, "camera0", "camera0_x.jpg", null, 1000)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertThat(refused).isInstanceOf(ExecutionException.class);
      JsonObject error = RpcError.of((Failure) refused.getCause()).toJson();
      assertThat(error.getInteger("code")).isEqualTo(-32060);
      assertThat(error.getJsonObject("data").getLong("available_bytes")).isLessThan(4L * MIB);
      assertThat(error.getJsonObject("data").getLong("required_bytes")).isEqualTo(4L * MIB + 1000);
      // Reclaim is off: nothing was deleted.
      assertThat(admin.result("list_recordings", new JsonObject()).getLong("total")).isEqualTo(6);

      try (RpcClient operator = service.connect(Role.OPERATOR)) {
        for (int i = 0; i < 4; i++) {
          operator.result("delete_recording", new JsonObject().put("filename", "camera0_" + i + ".mp4"));
        }
      }
      JsonObject resolved = awaitAlert(admin, "resolved");
      assertThat(resolved.getLong("value")).isGreaterThan(8L * MIB);
      assertThat(admin.result("get_storage_info", null).getBoolean("low_space_warning")).isFalse();
      JsonObject user = admin.result("get_metrics", null).getJsonObject("file_metrics").getJsonObject("deletions")
          .getJsonObject("user");
      assertThat(user.getLong("files")).isEqualTo(4);
      assertThat(user.getLong("bytes_freed")).isEqualTo(8L * MIB);
    }
  }

  @Test
  void belowTheFloorTheOldestCompleteRecordingsAreReclaimed() throws Exception {
    try (TestService service = start(true); RpcClient admin = alertListener(service)) {
      // Old, but being written: never reclaimed. Snapshots are not reclaimed either.
      Path writing = service.mediaIntake().begin(MediaKind.RECORDING, "camera1", "camera1_live.mp4",
          null, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Files.write(writing, new byte[MIB]);
      MediaSamples.placeBytes(disk.path(), "snapshots", "camera0", "camera0_old.jpg", MIB, T.minusSeconds(100));
      for (int i = 0; i < 5; i++) {
        recording(i);
      }
      awaitAlert(admin, "critical");
      JsonObject back = awaitAlert(admin, "warning");
      assertThat(back.getLong("value")).isGreaterThanOrEqualTo(4L * MIB);
      // 16 MiB - 1 (writing) - 1 (snapshot) - 10 (recordings) leaves under 4 MiB: the oldest recording goes first,
      // and only as many as needed to get back above the floor.
      assertThat(Files.exists(disk.path().resolve("recordings/camera0/camera0_0.mp4"))).isFalse();
      assertThat(Files.exists(disk.path().resolve("recordings/camera0/camera0_4.mp4"))).isTrue();
      assertThat(Files.exists(disk.path().resolve("recordings/camera0/camera0_3.mp4"))).isTrue();
      assertThat(Files.exists(writing)).isTrue();
      assertThat(Files.exists(disk.path().resolve("snapshots/camera0/camera0_old.jpg"))).isTrue();
      JsonObject reclaimed = admin.result("get_metrics", null).getJsonObject("file_metrics")
          .getJsonObject("deletions").getJsonObject("reclaim");
      assertThat(reclaimed.getLong("files")).isBetween(1L, 2L);
      assertThat(service.mediaIntake().ensureFree(0).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS)).isNull();
    }
  }
}
