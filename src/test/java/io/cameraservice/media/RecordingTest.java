package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.probe;
import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import io.cameraservice.testing.MediaTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings from a real ffmpeg pipeline on a lavfi test pattern, checked with ffprobe. */
class RecordingTest {

  @TempDir
  Path dir;

  @Test
  void stopArrivingWhileTheFirstFileOpensEndsTheRecordingAndReleasesTheCamera() {
    try (TestService service = TestService.start(dir, MediaTesting.and(testPatterns(1),
        tree -> tree.with("media").put("auto_close_after_seconds", 1)));
        RpcClient client = service.connect(Role.OPERATOR); RpcClient admin = service.connect(Role.ADMIN)) {
      // One batch: both calls reach the camera's loop back to back, so the stop comes while the start is still
      // registering and opening its first file.
      JsonObject params = new JsonObject().put("device", "camera0");
      client.send(new io.vertx.core.json.JsonArray()
          .add(new JsonObject().put("jsonrpc", "2.0").put("method", "start_recording").put("params", params)
              .put("id", 1))
          .add(new JsonObject().put("jsonrpc", "2.0").put("method", "stop_recording").put("params", params)
              .put("id", 2)).encode());
      Object next = client.next();
      while (!(next instanceof io.vertx.core.json.JsonArray)) { // notifications of the default subscriptions
        next = client.next();
      }
      io.vertx.core.json.JsonArray answers = (io.vertx.core.json.JsonArray) next;
      assertThat(answers).hasSize(2);
      for (Object answer : answers) {
        JsonObject a = (JsonObject) answer;
        assertThat(a.containsKey("result")).as(a.encode()).isTrue();
        assertThat(a.getJsonObject("result").getString("status")).as(a.encode()).isEqualTo("STOPPED");
      }
      // Nothing holds the camera: its pipeline closes, and the empty first file is not left "writing".
      MediaTesting.await("the pipeline to close", java.time.Duration.ofSeconds(15),
          () -> MediaTesting.pipelinePids(admin).isEmpty());
      MediaTesting.await("the empty file to be dropped", java.time.Duration.ofSeconds(15),
          () -> admin.result("list_recordings", new JsonObject()).getLong("total") == 0);
      // And the camera records again as usual (a recording still held would answer already_recording).
      client.result("start_recording", params);
      client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
      assertThat(client.result("stop_recording", params).getString("status")).isEqualTo("STOPPED");
    }
  }

  @Test
  void threeSecondRecordingIsPlayableWithTheRightDurationCodecAndSize() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient client = service.connect(Role.OPERATOR)) {
      JsonObject started = client.result("start_recording", new JsonObject().put("device", "camera0"));
      assertThat(started.getString("status")).isIn("STARTING", "RECORDING");
      assertThat(started.getString("format")).isEqualTo("fmp4");
      String filename = started.getString("filename");
      assertThat(filename).matches("camera0_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}\\.mp4");

      client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
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

      // Catalogued by the time stop_recording answered, and downloadable with its signed URL.
      JsonObject listed = client.result("list_recordings", new JsonObject().put("device", "camera0"))
          .getJsonArray("files").getJsonObject(0);
      assertThat(listed.getString("filename")).isEqualTo(filename);
      assertThat(listed.getLong("file_size")).isEqualTo(Files.size(file));
      java.net.http.HttpResponse<java.io.InputStream> download =
          LiveViewer.get(service.port(), listed.getString("download_url"), null);
      assertThat(download.statusCode()).isEqualTo(200);
      try (java.io.InputStream body = download.body()) {
        assertThat(body.readAllBytes()).isEqualTo(Files.readAllBytes(file));
      }
    }
  }

  @Test
  void durationStopsTheRecordingByItselfAndMkvIsRemuxedToItsFinalName() {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient client = service.connect(Role.OPERATOR)) {
      JsonObject started = client.result("start_recording", new JsonObject().put("device", "camera0")
          .put("duration", 2).put("format", "mkv"));
      assertThat(started.getString("filename")).endsWith(".mkv");
      assertThat(started.getLong("duration")).isEqualTo(2);

      JsonObject stopped = client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "STOPPED")).getJsonObject("params");
      assertThat(stopped.getString("filename")).isEqualTo(started.getString("filename"));
      Path file = dir.resolve("recordings/camera0").resolve(started.getString("filename"));
      assertThat(file).exists();
      assertThat(MediaFiles.partOf(file)).doesNotExist();
      JsonObject info = probe(file);
      assertThat(info.getJsonObject("format").getString("format_name")).contains("matroska");
      assertThat(Double.parseDouble(info.getJsonObject("format").getString("duration"))).isCloseTo(2.0, within(0.5));
      assertThat(stopped.getDouble("duration")).isCloseTo(2.0, within(0.2));

      JsonObject again = client.call("stop_recording", new JsonObject().put("device", "camera0"));
      assertThat(again.getJsonObject("error").getInteger("code")).as("it already stopped").isEqualTo(-32020);
      try (RpcClient admin = service.connect(Role.ADMIN)) {
        // Counted as the final (remuxed) file: the bytes on disk, what stop_recording and the catalog report.
        assertThat(admin.result("get_metrics", null).getJsonObject("recording_metrics")
            .getLong("bytes_written_total")).isEqualTo(file.toFile().length());
      }
    }
  }

  @Test
  void segmentsRollOverAtKeyframesAndEachFileIsPlayable() throws Exception {
    try (TestService service = TestService.start(dir, MediaTesting.and(testPatterns(1),
        tree -> tree.with("recording").put("segment_seconds", 1)));
        RpcClient client = service.connect(Role.OPERATOR)) {
      JsonObject started = client.result("start_recording", new JsonObject().put("device", "camera0")
          .put("format", "mp4").put("duration", 3));
      List<String> announced = new ArrayList<>();
      while (true) {
        JsonObject p = client.awaitNotification(n -> "recording_status_update".equals(n.getString("method")))
            .getJsonObject("params");
        if ("STOPPED".equals(p.getString("status"))) {
          break;
        }
        if ("RECORDING".equals(p.getString("status")) && !announced.contains(p.getString("filename"))) {
          announced.add(p.getString("filename"));
        }
      }
      assertThat(announced.get(0)).isEqualTo(started.getString("filename"));
      assertThat(announced).hasSizeGreaterThanOrEqualTo(3);
      List<Path> files;
      try (Stream<Path> listing = Files.list(dir.resolve("recordings/camera0"))) {
        files = listing.sorted().toList();
      }
      assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyElementsOf(
          announced.stream().sorted().toList());
      double total = 0;
      for (Path file : files) {
        JsonObject info = probe(file);
        assertThat(info.getJsonObject("stream").getString("codec_name")).isEqualTo("h264");
        double seconds = Double.parseDouble(info.getJsonObject("format").getString("duration"));
        assertThat(seconds).isBetween(0.5, 1.6);
        total += seconds;
      }
      assertThat(total).isCloseTo(3.0, within(0.5));
    }
  }
}
