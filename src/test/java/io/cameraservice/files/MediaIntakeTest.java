package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cameraservice.auth.Role;
import io.cameraservice.domain.Failure;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer API the recording and snapshot pipelines use: begin, write, complete or discard. */
class MediaIntakeTest {

  @TempDir
  static Path dir;
  static TestService service;
  static MediaIntake intake;
  static RpcClient operator;

  @BeforeAll
  static void start() {
    service = TestService.start(dir, tree -> tree.with("retention").put("enabled", false)).awaitCatalog();
    intake = service.mediaIntake();
    operator = service.connect(Role.OPERATOR);
  }

  @AfterAll
  static void stop() {
    operator.close();
    service.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static JsonObject error(Future<?> future) {
    Throwable failure = catchThrowable(() -> await(future));
    return RpcError.of((Failure) failure.getCause()).toJson();
  }

  @Test
  void aCompletedRecordingIsListedWithItsProbedMetadata() throws Exception {
    Path path = await(intake.begin(MediaKind.RECORDING, "camera4", "camera4_2026-05-01_10-00-00.mp4", null, 0));
    assertThat(path).isEqualTo(dir.resolve("recordings/camera4/camera4_2026-05-01_10-00-00.mp4"));
    assertThat(Files.isDirectory(path.getParent())).isTrue();
    // Listed while being written (size as written so far).
    assertThat(operator.result("list_recordings", new JsonObject().put("device", "camera4")).getLong("total"))
        .isEqualTo(1);
    Files.copy(MediaSamples.mp4(), path, StandardCopyOption.REPLACE_EXISTING);

    MediaFile done = await(intake.complete(MediaKind.RECORDING, "camera4", "camera4_2026-05-01_10-00-00.mp4"));
    assertThat(done.state()).isEqualTo(MediaState.COMPLETE);
    assertThat(done.size()).isEqualTo(Files.size(path));
    assertThat(done.duration()).isBetween(1.8, 2.2);
    assertThat(done.resolution()).isEqualTo("320x240");
    assertThat(done.probed()).isTrue();
    JsonObject info = operator.result("get_recording_info", new JsonObject().put("filename",
        "camera4_2026-05-01_10-00-00.mp4"));
    assertThat(info.getDouble("duration")).isBetween(1.8, 2.2);
    assertThat(info.getLong("file_size")).isEqualTo(Files.size(path));
  }

  @Test
  void discardRemovesFileAndRegistration() throws Exception {
    Path path = await(intake.begin(MediaKind.SNAPSHOT, "camera4", "camera4_broken.jpg", null, 10));
    Files.write(path, new byte[10]);
    await(intake.discard(MediaKind.SNAPSHOT, "camera4", "camera4_broken.jpg"));
    assertThat(Files.exists(path)).isFalse();
    assertThat(operator.call("get_snapshot_info", new JsonObject().put("filename", "camera4_broken.jpg"))
        .getJsonObject("error").getInteger("code")).isEqualTo(-32010);
  }

  @Test
  void aProducerThatWroteNothingGetsNoFile() throws Exception {
    await(intake.begin(MediaKind.RECORDING, "camera4", "camera4_never.mkv", null, 0));
    assertThat(await(intake.complete(MediaKind.RECORDING, "camera4", "camera4_never.mkv"))).isNull();
    assertThat(operator.call("get_recording_info", new JsonObject().put("filename", "camera4_never.mkv"))
        .getJsonObject("error").getInteger("code")).isEqualTo(-32010);
  }

  @Test
  void namesAreCheckedAndNeverReused() throws Exception {
    await(intake.begin(MediaKind.SNAPSHOT, "camera4", "camera4_once.jpg", null, 0));
    JsonObject exists = error(intake.begin(MediaKind.SNAPSHOT, "camera4", "camera4_once.jpg", null, 0));
    assertThat(exists.getJsonObject("data").getString("reason")).isEqualTo("file_exists");
    assertThat(error(intake.begin(MediaKind.SNAPSHOT, "../x", "a.jpg", null, 0)).getJsonObject("data")
        .getString("param")).isEqualTo("device");
    assertThat(error(intake.begin(MediaKind.SNAPSHOT, "camera4", "../a.jpg", null, 0)).getInteger("code"))
        .isEqualTo(-32602);
    assertThat(error(intake.begin(MediaKind.RECORDING, "camera4", "a.jpg", null, 0)).getJsonObject("data")
        .getString("param")).isEqualTo("filename");
  }
}
