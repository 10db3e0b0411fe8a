package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeletionTest {

  static final Instant BASE = Instant.parse("2026-02-01T08:00:00Z");
  @TempDir
  static Path dir;
  static TestService service;
  static RpcClient operator;

  @BeforeAll
  static void start() {
    for (int i = 0; i < 60; i++) {
      MediaSamples.placeBytes(dir, "recordings", "camera0", "camera0_" + i + ".mp4", 100, BASE.plusSeconds(i));
    }
    MediaSamples.place(MediaSamples.jpg(), dir, "snapshots", "camera1", "camera1_snap.jpg", BASE);
    // The class sends file calls back to back on one session; the rate limit is another test's business.
    service = TestService.start(dir, tree -> {
      tree.with("retention").put("enabled", false);
      tree.with("limits").with("rates").with("file").put("per_second", 100_000).put("burst", 100_000);
    }).awaitCatalog();
    operator = service.connect(Role.OPERATOR);
  }

  @AfterAll
  static void stop() {
    operator.close();
    service.close();
  }

  private static String frame(int id, String method, JsonObject params) {
    return new JsonObject().put("jsonrpc", "2.0").put("method", method).put("params", params).put("id", id).encode();
  }

  /** The answers to ids {@code from..to}, by id. */
  private static JsonObject[] answers(RpcClient client, int from, int to) {
    JsonObject[] out = new JsonObject[to - from + 1];
    for (int seen = 0; seen < out.length; ) {
      JsonObject frame = client.nextObject();
      Object id = frame.getValue("id");
      if (id instanceof Number && ((Number) id).intValue() >= from && ((Number) id).intValue() <= to) {
        out[((Number) id).intValue() - from] = frame;
        seen++;
      }
    }
    return out;
  }

  @Test
  void aDeleteIsNeverMissedByTheListingSentRightAfterIt() {
    // Newest first: deleting the newest file must change the first entry of the very next listing.
    for (int i = 59; i >= 40; i--) {
      String name = "camera0_" + i + ".mp4";
      int id = 1000 + i * 2;
      operator.send(frame(id, "delete_recording", new JsonObject().put("filename", name)));
      operator.send(frame(id + 1, "list_recordings", new JsonObject().put("device", "camera0").put("limit", 1)));
      JsonObject[] both = answers(operator, id, id + 1);
      assertThat(both[0].getJsonObject("result").getBoolean("deleted")).isTrue();
      JsonObject page = both[1].getJsonObject("result");
      assertThat(page.getJsonArray("files").getJsonObject(0).getString("filename"))
          .isEqualTo("camera0_" + (i - 1) + ".mp4");
      assertThat(page.getLong("total")).isEqualTo(i);
      assertThat(Files.exists(dir.resolve("recordings/camera0/" + name))).isFalse();
    }
  }

  @Test
  void concurrentDeletesOfOneFileOneWinsTheOtherIsNotFound() {
    try (RpcClient other = service.connect(Role.OPERATOR)) {
      for (int i = 0; i < 10; i++) {
        String name = "camera0_" + i + ".mp4";
        operator.send(frame(500 + i, "delete_recording", new JsonObject().put("filename", name)));
        other.send(frame(500 + i, "delete_recording", new JsonObject().put("filename", name)));
        JsonObject a = answers(operator, 500 + i, 500 + i)[0];
        JsonObject b = answers(other, 500 + i, 500 + i)[0];
        List<JsonObject> results = new ArrayList<>(List.of(a, b));
        assertThat(results.stream().filter(r -> r.containsKey("result"))).hasSize(1);
        JsonObject loser = results.stream().filter(r -> r.containsKey("error")).findFirst().orElseThrow();
        assertThat(loser.getJsonObject("error").getInteger("code")).isEqualTo(-32010);
        assertThat(loser.getJsonObject("error").getJsonObject("data").getString("resource")).isEqualTo("recording");
      }
    }
  }

  @Test
  void deleteAnswersTheContractShapeAndAcceptsTheNameWithoutExtension() {
    JsonObject result = operator.result("delete_recording", new JsonObject().put("filename", "camera0_20"));
    assertThat(result.getString("filename")).isEqualTo("camera0_20.mp4");
    assertThat(result.getBoolean("deleted")).isTrue();
    assertThat(result.getString("message")).contains("camera0_20.mp4");
    JsonObject again = operator.call("delete_recording", new JsonObject().put("filename", "camera0_20.mp4"))
        .getJsonObject("error");
    assertThat(again.getInteger("code")).isEqualTo(-32010);

    JsonObject snapshot = operator.result("delete_snapshot", new JsonObject().put("filename", "camera1_snap.jpg"));
    assertThat(snapshot.getBoolean("deleted")).isTrue();
    assertThat(Files.exists(dir.resolve("snapshots/camera1/camera1_snap.jpg"))).isFalse();
    JsonObject bad = operator.call("delete_snapshot", new JsonObject().put("filename", "../catalog.db"))
        .getJsonObject("error");
    assertThat(bad.getInteger("code")).isEqualTo(-32602);
    assertThat(Files.exists(dir.resolve("catalog.db"))).isTrue();
  }

  @Test
  void aFileTheDiskRefusesToDeleteIsADependencyFailureAndStaysListed() throws Exception {
    Path file = MediaSamples.placeBytes(dir, "recordings", "camera6", "camera6_locked.mp4", 10, BASE);
    Process lock = new ProcessBuilder("chattr", "+i", file.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(lock.waitFor(10, TimeUnit.SECONDS) && lock.exitValue() == 0,
        "needs root and a file system with immutable files (ext4) to make the disk refuse a deletion");
    try {
      io.cameraservice.testing.Poll.until(() -> operator.call("get_recording_info",
          new JsonObject().put("filename", "camera6_locked.mp4")).containsKey("result"), found -> found,
          java.time.Duration.ofSeconds(10));
      JsonObject error = operator.call("delete_recording", new JsonObject().put("filename", "camera6_locked.mp4"))
          .getJsonObject("error");
      assertThat(error.getInteger("code")).isEqualTo(-32050);
      assertThat(error.getJsonObject("data").getString("dependency")).isEqualTo("disk");
      assertThat(error.getJsonObject("data").getString("detail")).doesNotContain(dir.toString());
      assertThat(operator.result("get_recording_info", new JsonObject().put("filename", "camera6_locked.mp4"))
          .getString("filename")).isEqualTo("camera6_locked.mp4");
    } finally {
      new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(operator.result("delete_recording", new JsonObject().put("filename", "camera6_locked.mp4"))
        .getBoolean("deleted")).isTrue();
  }

  @Test
  void aFileBeingWrittenCannotBeDeleted() throws Exception {
    MediaIntake intake = service.mediaIntake();
    Path path = intake.begin(MediaKind.RECORDING, "camera3", "camera3_live.mp4", "fmp4", 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Files.write(path, new byte[1234]);
    JsonObject error = operator.call("delete_recording", new JsonObject().put("filename", "camera3_live.mp4"))
        .getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo(-32020);
    assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("file_being_written");
    assertThat(error.getJsonObject("data").getString("state")).isEqualTo("writing");
    assertThat(Files.exists(path)).isTrue();

    MediaFile done = intake.complete(MediaKind.RECORDING, "camera3", "camera3_live.mp4")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(done.size()).isEqualTo(1234);
    assertThat(done.format()).isEqualTo("fmp4");
    assertThat(operator.result("delete_recording", new JsonObject().put("filename", "camera3_live.mp4"))
        .getBoolean("deleted")).isTrue();
  }
}
