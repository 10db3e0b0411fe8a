package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live viewers on real pipelines: what their bytes start with, what they cost, who may watch. */
class LiveStreamTest {

  @TempDir
  Path dir;

  @Test
  void everyViewerStartsWithTheInitSegmentAndAKeyframeFromOneFfmpeg() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN)) {
      JsonObject streams = operator.result("get_camera_list", null).getJsonArray("cameras").getJsonObject(0)
          .getJsonObject("streams");
      assertThat(streams.fieldNames()).containsExactlyInAnyOrder("fmp4", "mse", "mjpeg");
      operator.result("start_recording", new JsonObject().put("device", "camera0"));

      HttpResponse<InputStream> http = LiveViewer.get(service.port(), streams.getString("fmp4"), null);
      assertThat(http.statusCode()).isEqualTo(200);
      assertThat(http.headers().firstValue("Content-Type")).hasValue("video/mp4");
      try (InputStream body = http.body()) {
        LiveViewer.StreamStart start = LiveViewer.readStart(body);
        assertThat(start.first()).isEqualTo("ftyp");
        assertThat(start.second()).isEqualTo("moov");
        assertThat(start.init().resolution()).isEqualTo("320x240");
        assertThat(start.fragment().keyframe()).isTrue();

        // A viewer joining mid-stream, well after the first keyframe, also starts on one.
        Thread.sleep(1_500); // lets the stream run past its first GOP; not a synchronisation
        try (LiveViewer.Socket ws = new LiveViewer.Socket(service.port(), streams.getString("mse"));
            InputStream mjpeg = LiveViewer.get(service.port(), streams.getString("mjpeg"), null).body()) {
          JsonObject describe = new JsonObject((String) ws.next());
          assertThat(describe.getString("type")).isEqualTo("init");
          assertThat(describe.getString("mime")).startsWith("video/mp4; codecs=\"avc1.");
          LiveViewer.StreamStart joined = ws.readStart();
          assertThat(joined.first()).isEqualTo("ftyp");
          assertThat(joined.fragment().keyframe()).isTrue();
          assertThat(joined.fragment().baseTime()).isGreaterThan(start.fragment().baseTime());

          String part = new String(mjpeg.readNBytes(96), StandardCharsets.ISO_8859_1);
          assertThat(part).startsWith("--" + MjpegViewer.BOUNDARY + "\r\nContent-Type: image/jpeg\r\n");

          MediaTesting.await("three viewers", Duration.ofSeconds(5), () -> operator.result("get_stream_status",
              new JsonObject().put("device", "camera0")).getJsonObject("metrics").getInteger("viewers") == 3);
          JsonObject status = operator.result("get_stream_status", new JsonObject().put("device", "camera0"));
          assertThat(status.getString("status")).isEqualTo("ACTIVE");
          assertThat(status.getBoolean("ready")).isTrue();
          assertThat(status.getJsonObject("metrics").getLong("bytes_sent")).isPositive();
          assertThat(status.getJsonObject("metrics").getDouble("fps")).isPositive();
          JsonObject stream = operator.call("get_streams").getJsonArray("result").getJsonObject(0);
          assertThat(stream.getString("name")).isEqualTo("camera0");
          assertThat(stream.getString("source")).isEqualTo("test_pattern");
          assertThat(stream.getInteger("readers")).isEqualTo(3);

          // One recording and three viewers: still one ffmpeg for the camera.
          assertThat(MediaTesting.pipelinePids(admin)).hasSize(1);
          assertThat(ffmpegChildren()).isEqualTo(1);
        }
      }
      operator.result("stop_recording", new JsonObject().put("device", "camera0"));
    }
  }

  @Test
  void liveRoutesNeedCredentials() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(2));
        RpcClient viewer = service.connect(Role.VIEWER)) {
      String url = viewer.result("get_stream_url", new JsonObject().put("device", "camera0"))
          .getString("stream_url");
      String query = url.substring(url.indexOf('?'));
      int port = service.port();
      assertThat(LiveViewer.get(port, "/live/camera0.mp4", null).statusCode()).isEqualTo(401);
      assertThat(LiveViewer.get(port, "/live/camera0.mp4?expires=9999999960&sig=forged", null).statusCode())
          .isEqualTo(403);
      assertThat(LiveViewer.get(port, "/live/camera1.mp4" + query, null).statusCode())
          .as("a signature is for one camera").isEqualTo(403);
      assertThat(LiveViewer.get(port, "/live/camera7.mp4" + query, null).statusCode()).isEqualTo(404);
      assertThat(LiveViewer.get(port, "/live/camera0.mjpeg", "not-a-token").statusCode()).isEqualTo(403);
      assertThat(LiveViewer.handshakeStatus(port, "/live/camera0.ws")).isEqualTo(401);
      assertThat(LiveViewer.handshakeStatus(port, "/live/camera0.ws?expires=9999999960&sig=forged")).isEqualTo(403);
      assertThat(LiveViewer.handshakeStatus(port, "/live/camera7.ws" + query)).isEqualTo(404);

      HttpResponse<InputStream> snapshot = LiveViewer.get(port, "/snapshot/camera0.jpg",
          service.token(Role.VIEWER));
      assertThat(snapshot.statusCode()).isEqualTo(200);
      assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      try (InputStream body = snapshot.body()) {
        byte[] jpeg = body.readAllBytes();
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(320);
      }
      assertThat(LiveViewer.get(port, "/snapshot/camera0.jpg", null).statusCode()).isEqualTo(401);
      assertThat(LiveViewer.get(port, "/snapshot/camera0.jpg" + query, null).statusCode()).isEqualTo(200);
      assertThat(LiveViewer.get(port, "/live/player.html", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void liveViewsAndSnapshotsAreControlWorkForRateLimits() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    try (TestService service = TestService.start(dir, testPatterns(1).andThen(tree -> tree.withObject("/limits")
        .withObject("/rates").withObject("/control").put("per_second", 1).put("burst", 1)), clock)) {
      int port = service.port();
      String token = service.token(Role.VIEWER);
      assertThat(LiveViewer.get(port, "/snapshot/camera0.jpg", token).statusCode()).isEqualTo(200);
      HttpResponse<InputStream> refused = LiveViewer.get(port, "/snapshot/camera0.jpg", token);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      try (InputStream body = refused.body()) {
        assertThat(new JsonObject(new String(body.readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("error")
            .getJsonObject("data").getString("scope")).isEqualTo("rate:control");
      }
      assertThat(LiveViewer.handshakeStatus(port, "/live/camera0.ws?" + service.service().links()
          .query("camera0"))).as("signed links count per address").isEqualTo(101);
      assertThat(LiveViewer.handshakeStatus(port, "/live/camera0.ws?" + service.service().links()
          .query("camera0"))).isEqualTo(429);
    }
  }

  @Test
  void theViewerCapAnswers429WithRetryAfterUntilAViewerLeaves() throws Exception {
    try (TestService service = TestService.start(dir, MediaTesting.and(testPatterns(1),
        tree -> tree.with("media").with("live").put("max_viewers_per_camera", 1)))) {
      int port = service.port();
      String token = service.token(Role.VIEWER);
      HttpResponse<InputStream> first = LiveViewer.get(port, "/live/camera0.mjpeg", token);
      assertThat(first.statusCode()).isEqualTo(200);
      try (InputStream watching = first.body()) {
        assertThat(watching.read()).as("the first viewer gets pictures").isNotNegative();
        HttpResponse<InputStream> refused = LiveViewer.get(port, "/live/camera0.mp4", token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        try (InputStream body = refused.body()) {
          JsonObject error = new JsonObject(new String(body.readAllBytes(), StandardCharsets.UTF_8))
              .getJsonObject("error");
          assertThat(error.getInteger("code")).isEqualTo(-32040);
          assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("too_many_viewers");
          assertThat(error.getJsonObject("data").getString("scope")).isEqualTo("camera:camera0");
          assertThat(error.getJsonObject("data").getInteger("limit")).isEqualTo(1);
        }
        // A .ws viewer is refused after the upgrade: the close code says "try again later".
        try (LiveViewer.Socket ws = new LiveViewer.Socket(port, "/live/camera0.ws?"
            + service.service().links().query("camera0"))) {
          assertThat(ws.closedWith.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo((short) 1013);
        }
      }
      // The cap clears when the viewer leaves: a new one is let in once the server has seen it go.
      MediaTesting.await("a place for a new viewer", Duration.ofSeconds(10), () -> {
        try {
          HttpResponse<InputStream> again = LiveViewer.get(port, "/live/camera0.mjpeg", token);
          try (InputStream body = again.body()) {
            return again.statusCode() == 200;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  @Test
  void aBadSnapshotQualityIsA400WithTheParameter() throws Exception {
    try (TestService service = TestService.start(dir, testPatterns(1))) {
      HttpResponse<InputStream> bad = LiveViewer.get(service.port(), "/snapshot/camera0.jpg?quality=0",
          service.token(Role.VIEWER));
      assertThat(bad.statusCode()).isEqualTo(400);
      try (InputStream body = bad.body()) {
        JsonObject error = new JsonObject(new String(body.readAllBytes(), StandardCharsets.UTF_8))
            .getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(-32602);
        assertThat(error.getJsonObject("data").getString("param")).isEqualTo("quality");
      }
    }
  }

  static long ffmpegChildren() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).count();
  }
}
