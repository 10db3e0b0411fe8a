package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of a download is answered by the one HTTP error writer: status, headers and the error object. */
class DownloadErrorsTest {

  @TempDir
  Path dir;

  @Test
  void refusalsCarryTheirStatusAndTheJsonRpcErrorObject() throws Exception {
    Instant modified = Instant.now().minusSeconds(60); // younger than any retention age
    MediaSamples.place(MediaSamples.mp4(), dir, "recordings", "camera0", "camera0_twin.mp4", modified);
    MediaSamples.place(MediaSamples.mkv(), dir, "recordings", "camera0", "camera0_twin.mkv", modified);
    try (TestService service = TestService.start(dir).awaitCatalog()) {
      int port = service.port();
      String bearer = "Bearer " + service.token(Role.VIEWER);

      HttpResponse<byte[]> missing = Http.fetch(port, "/files/recordings/camera0_gone.mp4", "Authorization", bearer);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(missing.headers().firstValue("ETag")).isEmpty();
      JsonObject notFound = error(missing);
      assertThat(notFound.getInteger("code")).isEqualTo(-32010);
      assertThat(notFound.getJsonObject("data").getString("reason")).isEqualTo("recording_not_found");
      assertThat(notFound.getJsonObject("data").getString("id")).isEqualTo("camera0_gone.mp4");

      HttpResponse<byte[]> traversal = Http.fetch(port, "/files/recordings/%2e%2e%2fcatalog.db",
          "Authorization", bearer);
      assertThat(traversal.statusCode()).isEqualTo(404);
      assertThat(error(traversal).getJsonObject("data").getString("id")).isEqualTo("%2e%2e%2fcatalog.db");

      HttpResponse<byte[]> head = Http.head(port, "/files/recordings/camera0_gone.mp4", "Authorization", bearer);
      assertThat(head.statusCode()).isEqualTo(404);
      assertThat(head.body()).as("HEAD answers headers only").isEmpty();

      // Without extension the name fits both files: which one is meant is the client's to say.
      HttpResponse<byte[]> twins = Http.fetch(port, "/files/recordings/camera0_twin", "Authorization", bearer);
      assertThat(twins.statusCode()).isEqualTo(400);
      assertThat(error(twins).getJsonObject("data").getString("reason")).isEqualTo("ambiguous_filename");
      assertThat(Http.fetch(port, "/files/recordings/camera0_twin.mkv", "Authorization", bearer).statusCode())
          .isEqualTo(200);

      HttpResponse<byte[]> anonymous = Http.fetch(port, "/files/recordings/camera0_twin.mp4");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(error(anonymous).getJsonObject("data").getString("reason")).isEqualTo("auth_required");

      HttpResponse<byte[]> junk = Http.fetch(port, "/files/recordings/camera0_twin.mp4", "Authorization",
          "Bearer junk");
      assertThat(junk.statusCode()).isEqualTo(403);
      assertThat(junk.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(error(junk).getJsonObject("data").getString("reason")).isEqualTo("invalid_credentials");

      HttpResponse<byte[]> forged = Http.fetch(port, "/files/recordings/camera0_twin.mp4?expires=9999999960&sig=x");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(error(forged).getJsonObject("data").getString("reason")).isEqualTo("signature_invalid");
    }
  }

  private static JsonObject error(HttpResponse<byte[]> response) {
    return new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getJsonObject("error");
  }
}
