package io.cameraservice.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.files.MediaKind;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by age and by size over real files: exactly the expected files go, never one being written. */
class RetentionTest {

  static final Instant NOW = Instant.now();
  @TempDir
  Path dir;

  private TestService start(boolean enabled) {
    return TestService.start(dir, tree -> tree.with("retention").put("enabled", enabled)).awaitCatalog();
  }

  private Path place(String folder, String camera, String name, int size, Duration age) {
    return MediaSamples.placeBytes(dir, folder, camera, name, size, NOW.minus(age));
  }

  private long count(String folder) throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve(folder))) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static Duration days(int n) {
    return Duration.ofDays(n);
  }

  @Test
  void byAgeDeletesExactlyTheOldCompleteFiles() throws Exception {
    place("recordings", "camera0", "old1.mp4", 100, days(10));
    place("recordings", "camera1", "old2.mkv", 200, days(8));
    place("recordings", "camera0", "young.mp4", 300, days(6));
    place("snapshots", "camera0", "old.jpg", 40, days(9));
    place("snapshots", "camera0", "young.jpg", 50, Duration.ofHours(1));
    try (TestService service = start(false); RpcClient admin = service.connect(Role.ADMIN)) {
      // A file being written with an old modification time is never deleted.
      Path writing = service.mediaIntake().begin(MediaKind.RECORDING, "camera2", "live.mp4", null, 0)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Files.write(writing, new byte[500]);
      Files.setLastModifiedTime(writing, FileTime.from(NOW.minus(days(30))));

      JsonObject policy = admin.result("set_retention_policy", new JsonObject().put("policy_type", "age")
          .put("enabled", true).put("max_age_days", 7));
      assertThat(policy.getString("policy_type")).isEqualTo("age");
      assertThat(policy.getDouble("max_age_days")).isEqualTo(7.0);
      assertThat(policy.getBoolean("enabled")).isTrue();
      assertThat(policy.getString("message")).isNotBlank();

      JsonObject cleanup = admin.result("cleanup_old_files", null);
      assertThat(cleanup.getBoolean("cleanup_executed")).isTrue();
      assertThat(cleanup.getLong("files_deleted")).isEqualTo(3);
      assertThat(cleanup.getLong("space_freed")).isEqualTo(340);
      assertThat(Files.exists(dir.resolve("recordings/camera0/old1.mp4"))).isFalse();
      assertThat(Files.exists(dir.resolve("recordings/camera1/old2.mkv"))).isFalse();
      assertThat(Files.exists(dir.resolve("snapshots/camera0/old.jpg"))).isFalse();
      assertThat(Files.exists(dir.resolve("recordings/camera0/young.mp4"))).isTrue();
      assertThat(Files.exists(dir.resolve("snapshots/camera0/young.jpg"))).isTrue();
      assertThat(Files.exists(writing)).isTrue();
      assertThat(admin.result("list_recordings", new JsonObject()).getLong("total")).isEqualTo(2);

      JsonObject again = admin.result("cleanup_old_files", null);
      assertThat(again.getLong("files_deleted")).isZero();

      JsonObject metrics = admin.result("get_metrics", null);
      assertThat(metrics.getJsonObject("file_metrics").getJsonObject("deletions").getJsonObject("retention")
          .getLong("bytes_freed")).isEqualTo(340);
    }
  }

  @Test
  void bySizeDeletesTheOldestUntilUnderTheLimit() throws Exception {
    // 1 KiB limit (0.00000095367431640625 GiB); 6 files of 300 bytes = 1800 bytes, so the 3 oldest must go.
    for (int i = 0; i < 6; i++) {
      place(i % 2 == 0 ? "recordings" : "snapshots", "camera0", "f" + i + (i % 2 == 0 ? ".mp4" : ".jpg"), 300,
          Duration.ofMinutes(60 - i));
    }
    try (TestService service = start(false); RpcClient admin = service.connect(Role.ADMIN)) {
      admin.result("set_retention_policy", new JsonObject().put("policy_type", "size").put("enabled", true)
          .put("max_size_gb", 1024.0 / (1 << 30)));
      JsonObject cleanup = admin.result("cleanup_old_files", null);
      assertThat(cleanup.getLong("files_deleted")).isEqualTo(3);
      assertThat(cleanup.getLong("space_freed")).isEqualTo(900);
      for (int i = 0; i < 6; i++) {
        Path file = dir.resolve((i % 2 == 0 ? "recordings" : "snapshots") + "/camera0/f" + i
            + (i % 2 == 0 ? ".mp4" : ".jpg"));
        assertThat(Files.exists(file)).as(file.toString()).isEqualTo(i >= 3);
      }
      JsonObject storage = admin.result("get_storage_info", null);
      assertThat(storage.getLong("recordings_size") + storage.getLong("snapshots_size")).isEqualTo(900);
    }
  }

  @Test
  void aFileTheDiskRefusesToDeleteDoesNotStopRetentionForTheOthers() throws Exception {
    Path locked = place("recordings", "camera0", "locked.mp4", 100, days(12));
    place("recordings", "camera0", "old1.mp4", 200, days(10));
    place("snapshots", "camera0", "old.jpg", 40, days(9));
    place("recordings", "camera0", "young.mp4", 300, days(1));
    Process lock = new ProcessBuilder("chattr", "+i", locked.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(lock.waitFor(10, TimeUnit.SECONDS) && lock.exitValue() == 0,
        "needs root and a file system with immutable files (ext4) to make the disk refuse a deletion");
    try (TestService service = start(false); RpcClient admin = service.connect(Role.ADMIN)) {
      admin.result("set_retention_policy", new JsonObject().put("policy_type", "age").put("enabled", true)
          .put("max_age_days", 7));
      JsonObject cleanup = admin.result("cleanup_old_files", null);
      assertThat(cleanup.getLong("files_deleted")).isEqualTo(2);
      assertThat(cleanup.getLong("space_freed")).isEqualTo(240);
      assertThat(Files.exists(locked)).isTrue();
      assertThat(Files.exists(dir.resolve("recordings/camera0/old1.mp4"))).isFalse();
      assertThat(Files.exists(dir.resolve("snapshots/camera0/old.jpg"))).isFalse();
      // The refused file is still catalogued next to the young one: its row went nowhere without its file.
      assertThat(admin.result("list_recordings", new JsonObject()).getLong("total")).isEqualTo(2);
      assertThat(admin.result("get_recording_info", new JsonObject().put("filename", "locked.mp4"))
          .getString("filename")).isEqualTo("locked.mp4");
    } finally {
      new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void thePolicySurvivesARestartAndDisabledMeansNothingIsDeleted() throws Exception {
    place("recordings", "camera0", "old.mp4", 100, days(100));
    try (TestService service = start(false); RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject set = admin.result("set_retention_policy", new JsonObject().put("policy_type", "manual")
          .put("enabled", false).put("max_age_days", 1.5).put("max_size_gb", 2));
      assertThat(set.getString("policy_type")).isEqualTo("manual");
      assertThat(set.getDouble("max_size_gb")).isEqualTo(2.0);
      JsonObject cleanup = admin.result("cleanup_old_files", null);
      assertThat(cleanup.getBoolean("cleanup_executed")).isFalse();
      assertThat(cleanup.getLong("files_deleted")).isZero();
    }
    assertThat(Files.exists(dir.resolve("state/retention_policy.json"))).isTrue();
    // Config says enabled, but the stored policy (disabled) wins after the restart: nothing is deleted.
    try (TestService service = start(true); RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject policy = admin.result("get_metrics", null).getJsonObject("storage_metrics")
          .getJsonObject("retention").getJsonObject("policy");
      assertThat(policy.getString("policy_type")).isEqualTo("manual");
      assertThat(policy.getBoolean("enabled")).isFalse();
      assertThat(policy.getDouble("max_age_days")).isEqualTo(1.5);
      assertThat(count("recordings")).isEqualTo(1);
      // Manual: enabled, only cleanup_old_files deletes, applying the age limit.
      admin.result("set_retention_policy", new JsonObject().put("policy_type", "manual").put("enabled", true));
      assertThat(admin.result("cleanup_old_files", null).getLong("files_deleted")).isEqualTo(1);
    }
  }

  @Test
  void enabledRetentionRunsAtStartUp() throws Exception {
    place("recordings", "camera0", "ancient.mp4", 100, days(31));
    place("recordings", "camera0", "recent.mp4", 100, days(29));
    try (TestService service = start(true); RpcClient admin = service.connect(Role.ADMIN)) {
      Poll.until(() -> Files.exists(dir.resolve("recordings/camera0/ancient.mp4")), exists -> !exists,
          Duration.ofSeconds(10));
      assertThat(Files.exists(dir.resolve("recordings/camera0/recent.mp4"))).isTrue();
    }
  }

  @Test
  void invalidPoliciesAreRefusedWithTheParameter() {
    try (TestService service = start(false); RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject[] bad = {
          new JsonObject().put("policy_type", "weekly").put("enabled", true),
          new JsonObject().put("policy_type", "age"),
          new JsonObject().put("policy_type", "age").put("enabled", true).put("max_age_days", 0),
          new JsonObject().put("policy_type", "size").put("enabled", true).put("max_size_gb", -1),
          new JsonObject().put("policy_type", "age").put("enabled", "yes"),
      };
      String[] params = {"policy_type", "enabled", "max_age_days", "max_size_gb", "enabled"};
      for (int i = 0; i < bad.length; i++) {
        JsonObject error = admin.call("set_retention_policy", bad[i]).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(-32602);
        assertThat(error.getJsonObject("data").getString("param")).isEqualTo(params[i]);
      }
      try (RpcClient operator = service.connect(Role.OPERATOR)) {
        assertThat(operator.call("cleanup_old_files").getJsonObject("error").getInteger("code")).isEqualTo(-32002);
      }
    }
  }

  @Test
  void concurrentPolicyWritesAllSucceedAndTheFileOnDiskIsThePolicyInForce() throws Exception {
    int sessions = 16;
    int perSession = 2;
    List<RpcClient> admins = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    try (TestService service = start(false)) {
      for (int i = 0; i < sessions; i++) {
        admins.add(service.connect(Role.ADMIN));
      }
      for (int round = 0; round < 10; round++) {
        List<Future<List<JsonObject>>> answers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
          RpcClient admin = admins.get(s);
          int base = round * 1000 + s * 10;
          answers.add(pool.submit(() -> {
            // Pipelined: every request of the round is in flight at once, across all sessions.
            for (int k = 0; k < perSession; k++) {
              admin.send(new JsonObject().put("jsonrpc", "2.0").put("id", k).put("method", "set_retention_policy")
                  .put("params", new JsonObject().put("policy_type", "manual").put("enabled", true)
                      .put("max_age_days", base + k + 1)).encode());
            }
            List<JsonObject> got = new ArrayList<>();
            for (int k = 0; k < perSession; k++) {
              got.add(admin.nextObject());
            }
            return got;
          }));
        }
        for (Future<List<JsonObject>> answer : answers) {
          for (JsonObject response : answer.get(30, TimeUnit.SECONDS)) {
            assertThat(response.containsKey("error")).as(response.encode()).isFalse();
          }
        }
        JsonObject inForce = admins.get(0).result("get_metrics", null).getJsonObject("storage_metrics")
            .getJsonObject("retention").getJsonObject("policy");
        JsonObject onDisk = new JsonObject(Files.readString(dir.resolve("state/retention_policy.json")));
        assertThat(onDisk.getDouble("max_age_days")).as("round " + round).isEqualTo(inForce.getDouble("max_age_days"));
      }
      try (Stream<Path> state = Files.list(dir.resolve("state"))) {
        assertThat(state.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
      }
    } finally {
      admins.forEach(RpcClient::close);
      pool.shutdownNow();
    }
  }
}
