package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders are the truth: the catalog follows them while running, across restarts, and after losing itself. */
class CatalogReconciliationTest {

  static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
  static final Duration PICKED_UP = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private TestService start() {
    return TestService.start(dir, tree -> tree.with("retention").put("enabled", false)).awaitCatalog();
  }

  private static List<String> recordings(RpcClient client) {
    return client.result("list_recordings", new JsonObject().put("limit", 1000)).getJsonArray("files").stream()
        .map(f -> ((JsonObject) f).getString("filename")).sorted().collect(Collectors.toList());
  }

  @Test
  void filesAddedAndRemovedBehindTheServicesBackArePickedUpWhileRunning() throws Exception {
    MediaSamples.placeBytes(dir, "recordings", "camera0", "camera0_a.mp4", 10, T);
    try (TestService service = start(); RpcClient client = service.connect(Role.VIEWER)) {
      assertThat(recordings(client)).containsExactly("camera0_a.mp4");

      MediaSamples.placeBytes(dir, "recordings", "camera0", "camera0_b.mp4", 10, T.plusSeconds(1));
      // A camera folder that did not exist when the service started.
      MediaSamples.placeBytes(dir, "recordings", "camera5", "camera5_c.mkv", 10, T.plusSeconds(2));
      Poll.until(() -> recordings(client), names -> names.size() == 3, PICKED_UP);
      assertThat(recordings(client)).containsExactly("camera0_a.mp4", "camera0_b.mp4", "camera5_c.mkv");

      Files.delete(dir.resolve("recordings/camera0/camera0_a.mp4"));
      Poll.until(() -> recordings(client), names -> names.size() == 2, PICKED_UP);
      assertThat(recordings(client)).containsExactly("camera0_b.mp4", "camera5_c.mkv");

      // A file that grows is seen with its new size.
      Files.write(dir.resolve("recordings/camera0/camera0_b.mp4"), new byte[777]);
      Poll.until(() -> client.result("get_recording_info", new JsonObject().put("filename", "camera0_b.mp4"))
          .getLong("file_size"), size -> size == 777, PICKED_UP);

      // Snapshot folders are watched too.
      MediaSamples.placeBytes(dir, "snapshots", "camera1", "camera1_s.jpg", 10, T);
      Poll.until(() -> client.result("list_snapshots", new JsonObject()).getLong("total"), n -> n == 1, PICKED_UP);
    }
  }

  @Test
  void changesWhileStoppedAndALostCatalogAreReconciledAtStartUp() throws Exception {
    MediaSamples.placeBytes(dir, "recordings", "camera0", "camera0_a.mp4", 10, T);
    MediaSamples.placeBytes(dir, "recordings", "camera0", "camera0_b.mp4", 10, T.plusSeconds(1));
    try (TestService service = start(); RpcClient client = service.connect(Role.VIEWER)) {
      assertThat(recordings(client)).hasSize(2);
    }
    Files.delete(dir.resolve("recordings/camera0/camera0_a.mp4"));
    MediaSamples.placeBytes(dir, "recordings", "camera1", "camera1_new.mp4", 10, T.plusSeconds(2));
    try (TestService service = start(); RpcClient client = service.connect(Role.VIEWER)) {
      assertThat(recordings(client)).containsExactly("camera0_b.mp4", "camera1_new.mp4");
    }

    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(dir.resolve("catalog.db" + suffix));
    }
    try (TestService service = start(); RpcClient client = service.connect(Role.VIEWER)) {
      assertThat(recordings(client)).containsExactly("camera0_b.mp4", "camera1_new.mp4");
      assertThat(Files.exists(dir.resolve("catalog.db"))).isTrue();
    }
  }

  @Test
  void filesLeftBeingWrittenByTheLastRunAreCompleteAfterARestart() throws Exception {
    try (TestService service = start()) {
      Path path = service.mediaIntake().begin(MediaKind.RECORDING, "camera0", "camera0_cut.mp4", null, 0)
          .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      Files.write(path, new byte[64]);
      service.mediaIntake().begin(MediaKind.RECORDING, "camera0", "camera0_none.mp4", null, 0)
          .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    try (TestService service = start(); RpcClient client = service.connect(Role.OPERATOR)) {
      assertThat(recordings(client)).containsExactly("camera0_cut.mp4");
      assertThat(client.result("delete_recording", new JsonObject().put("filename", "camera0_cut.mp4"))
          .getBoolean("deleted")).isTrue();
    }
  }

  @Test
  void aCorruptCatalogIsSetAsideAndRebuilt() throws Exception {
    MediaSamples.placeBytes(dir, "recordings", "camera0", "camera0_a.mp4", 10, T);
    MediaSamples.placeBytes(dir, "snapshots", "camera0", "camera0_a.jpg", 10, T);
    Files.writeString(dir.resolve("catalog.db"), "this is not an SQLite database, it is garbage ".repeat(200));
    try (TestService service = start(); RpcClient client = service.connect(Role.ADMIN)) {
      assertThat(recordings(client)).containsExactly("camera0_a.mp4");
      assertThat(client.result("list_snapshots", new JsonObject()).getLong("total")).isEqualTo(1);
      assertThat(Files.exists(dir.resolve("catalog.db.corrupt"))).isTrue();
      JsonObject status = client.result("get_status", null);
      assertThat(status.getJsonObject("components").getString("media_catalog")).isEqualTo("RUNNING");
    }
  }

  @Test
  void theServiceAnswersWhileALargeReconciliationRuns() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("recordings/camera0"));
    for (int i = 0; i < 5_000; i++) {
      Files.createFile(folder.resolve("camera0_" + i + ".mp4"));
    }
    try (TestService service = TestService.start(dir, tree -> tree.with("retention").put("enabled", false));
        RpcClient client = service.connect()) {
      // Not waiting for the catalog: ping answers at once, and the listing converges to every file.
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
      client.authenticate(service.token(Role.VIEWER));
      Poll.until(() -> client.result("list_recordings", new JsonObject()).getLong("total"), n -> n == 5_000,
          Duration.ofSeconds(30));
      service.awaitCatalog();
    }
  }
}
