package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads are file operations: the client's file-class bucket limits them like list/info/delete. */
class DownloadAdmissionTest {

  @TempDir
  Path dir;

  @Test
  void downloadsBeyondTheFileRateAreRefusedWith429AndRetryAfter() throws Exception {
    MediaSamples.place(MediaSamples.jpg(), dir, "snapshots", "camera0", "camera0_a.jpg", Instant.now());
    MutableClock clock = MutableClock.startingNow();
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/limits").withObject("/rates")
        .withObject("/file").put("per_second", 20).put("burst", 2), clock).awaitCatalog()) {
      String alice = "Bearer " + service.token(Role.VIEWER, Duration.ofHours(1));
      String path = "/files/snapshots/camera0_a.jpg";
      assertThat(Http.fetch(service.port(), path, "Authorization", alice).statusCode()).isEqualTo(200);
      assertThat(Http.fetch(service.port(), path, "Authorization", alice).statusCode()).isEqualTo(200);
      HttpResponse<byte[]> refused = Http.fetch(service.port(), path, "Authorization", alice);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      JsonObject error = new JsonObject(new String(refused.body())).getJsonObject("error");
      assertThat(error.getInteger("code")).isEqualTo(-32040);
      assertThat(error.getJsonObject("data").getString("scope")).isEqualTo("rate:file");
      assertThat(error.getJsonObject("data").getLong("retry_after_ms")).isEqualTo(50);

      clock.advance(Duration.ofMillis(50));
      assertThat(Http.fetch(service.port(), path, "Authorization", alice).statusCode()).isEqualTo(200);
      assertThat(Http.metric(service.port(), "http_rejections_total{scope=\"rate:file\"}")).isEqualTo(1.0);
    }
  }
}
