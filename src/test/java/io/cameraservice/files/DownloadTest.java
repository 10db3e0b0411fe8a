package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over real HTTP from the real service: credentials, signatures, ranges, validators, bad names. */
class DownloadTest {

  static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00Z");
  static final MutableClock CLOCK = MutableClock.startingNow();
  @TempDir
  static Path dir;
  static TestService service;
  static RpcClient viewer;
  static byte[] mp4;
  static String bearer;
  static String apiKey;

  @BeforeAll
  static void start() throws Exception {
    Path file = MediaSamples.place(MediaSamples.mp4(), dir, "recordings", "camera0", "camera0_clip.mp4", MODIFIED);
    mp4 = Files.readAllBytes(file);
    MediaSamples.place(MediaSamples.mkv(), dir, "recordings", "camera0", "camera0_clip2.mkv", MODIFIED);
    MediaSamples.place(MediaSamples.jpg(), dir, "snapshots", "camera0", "camera0 snap é.jpg", MODIFIED);
    Path config = Files.writeString(Files.createTempFile("download-test", ".yaml"), "storage:\n  data_dir: " + dir
        + "\n");
    apiKey = io.cameraservice.testing.Cli.run("apikey", "create", "--role", "viewer", "--name", "downloads",
        "--config", config.toString()).out().trim();
    Files.delete(config);
    // The clock stands still, so file-class buckets never refill: give this class of tests room.
    service = TestService.start(dir, tree -> {
      tree.with("retention").put("enabled", false);
      tree.withObject("/limits").withObject("/rates").withObject("/file").put("burst", 10_000);
    }, CLOCK).awaitCatalog();
    viewer = service.connect(Role.VIEWER);
    bearer = "Bearer " + service.token(Role.VIEWER, Duration.ofDays(1));
  }

  @AfterAll
  static void stop() {
    viewer.close();
    service.close();
  }

  private static String urlOf(String method, String filename) {
    return viewer.result(method, new JsonObject().put("filename", filename)).getString("download_url");
  }

  @Test
  void theDownloadUrlOfAListingWorksInAPlainGet() {
    JsonObject entry = viewer.result("list_recordings", new JsonObject().put("limit", 10)).getJsonArray("files")
        .stream().map(JsonObject.class::cast).filter(f -> f.getString("filename").equals("camera0_clip.mp4"))
        .findFirst().orElseThrow();
    HttpResponse<byte[]> response = Http.fetch(service.port(), entry.getString("download_url"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(mp4);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(mp4.length));
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"camera0_clip.mp4\"");
    assertThat(response.headers().firstValue("Last-Modified")).hasValue("Sun, 1 Mar 2026 10:00:00 GMT");
    assertThat(response.headers().firstValue("ETag")).isPresent();
  }

  @Test
  void contentTypesAndNonAsciiNames() {
    HttpResponse<byte[]> mkv = Http.fetch(service.port(), "/files/recordings/camera0_clip2.mkv",
        "Authorization", bearer);
    assertThat(mkv.statusCode()).isEqualTo(200);
    assertThat(mkv.headers().firstValue("Content-Type")).hasValue("video/x-matroska");

    String url = urlOf("get_snapshot_info", "camera0 snap é.jpg");
    assertThat(url).startsWith("/files/snapshots/camera0%20snap%20%C3%A9.jpg?");
    HttpResponse<byte[]> jpg = Http.fetch(service.port(), url);
    assertThat(jpg.statusCode()).isEqualTo(200);
    assertThat(jpg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(jpg.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("filename*=UTF-8''camera0%20snap%20%C3%A9.jpg");
  }

  @Test
  void byteRanges() {
    HttpResponse<byte[]> first = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=0-99");
    assertThat(first.statusCode()).isEqualTo(206);
    assertThat(first.body()).isEqualTo(Arrays.copyOfRange(mp4, 0, 100));
    assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + mp4.length);

    HttpResponse<byte[]> tail = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=-10");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(mp4, mp4.length - 10, mp4.length));

    HttpResponse<byte[]> open = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=100-");
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(mp4, 100, mp4.length));

    HttpResponse<byte[]> beyond = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=" + mp4.length + "-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + mp4.length);

    HttpResponse<byte[]> several = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=0-1,5-6");
    assertThat(several.statusCode()).isEqualTo(200);
    assertThat(several.body()).isEqualTo(mp4);

    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> staleIfRange = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=0-9", "If-Range", "\"other\"");
    assertThat(staleIfRange.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> freshIfRange = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=0-9", "If-Range", etag);
    assertThat(freshIfRange.statusCode()).isEqualTo(206);
  }

  @Test
  void headAnswersHeadersOnly() {
    HttpResponse<byte[]> head = Http.head(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(mp4.length));
    assertThat(head.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(head.body()).isEmpty();
    HttpResponse<byte[]> ranged = Http.head(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "Range", "bytes=0-9");
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.headers().firstValue("Content-Length")).hasValue("10");
  }

  @Test
  void validatorsAnswerNotModified() {
    HttpResponse<byte[]> full = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer);
    String etag = full.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> same = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "If-None-Match", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(same.headers().firstValue("ETag")).hasValue(etag);
    HttpResponse<byte[]> other = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "If-None-Match", "\"nope\"");
    assertThat(other.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> since = Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4",
        "Authorization", bearer, "If-Modified-Since", "Sun, 01 Mar 2026 10:00:00 GMT");
    assertThat(since.statusCode()).isEqualTo(304);
  }

  @Test
  void credentialsAndSignatures() {
    String url = urlOf("get_recording_info", "camera0_clip.mp4");
    assertThat(Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4").statusCode()).isEqualTo(401);
    assertThat(Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4").headers()
        .firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4", "Authorization", "Bearer junk")
        .statusCode()).isEqualTo(403);
    assertThat(Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4", "X-API-Key", apiKey).statusCode())
        .isEqualTo(200);
    assertThat(Http.fetch(service.port(), "/files/recordings/camera0_clip.mp4", "X-API-Key", "csk_unknown")
        .statusCode()).isEqualTo(403);

    String tampered = url.replaceFirst("sig=.", "sig=" + (url.contains("sig=A") ? "B" : "A"));
    assertThat(Http.fetch(service.port(), tampered).statusCode()).isEqualTo(403);
    String longer = url.replaceFirst("expires=(\\d+)", "expires=9$1");
    assertThat(Http.fetch(service.port(), longer).statusCode()).isEqualTo(403);
    // Scoped to one file: the same signature does not open another one.
    String otherFile = url.replace("camera0_clip.mp4", "camera0_clip2.mkv");
    assertThat(Http.fetch(service.port(), otherFile).statusCode()).isEqualTo(403);
    assertThat(Http.fetch(service.port(), url.substring(0, url.indexOf('&'))).statusCode()).isEqualTo(403);
  }

  @Test
  void signaturesExpire() {
    String url = urlOf("get_recording_info", "camera0_clip.mp4");
    assertThat(Http.fetch(service.port(), url).statusCode()).isEqualTo(200);
    // Links live url_ttl_seconds (900), rounded up to the next minute.
    CLOCK.advance(Duration.ofSeconds(961));
    try {
      assertThat(Http.fetch(service.port(), url).statusCode()).isEqualTo(403);
      assertThat(Http.fetch(service.port(), urlOf("get_recording_info", "camera0_clip.mp4")).statusCode())
          .isEqualTo(200);
    } finally {
      CLOCK.advance(Duration.ofSeconds(-961));
    }
  }

  @Test
  void anythingButAPlainCataloguedNameIsNotFound() {
    for (String path : new String[] {
        "/files/recordings/..%2fcatalog.db", "/files/recordings/..%2F..%2Fstate%2Fretention_policy.json",
        "/files/recordings/%2e%2e%2fcatalog.db", "/files/recordings/%2E%2E", "/files/recordings/camera0%2fcamera0_clip.mp4",
        "/files/recordings/camera0%5ccamera0_clip.mp4", "/files/recordings/camera0_clip.mp4%00",
        "/files/recordings/%00", "/files/recordings/camera0_clip.mp4%0a", "/files/recordings/",
        "/files/recordings/%c3%28.mp4", "/files/snapshots/camera0_clip.mp4",
        "/files/recordings/missing.mp4", "/files/recordings/catalog.db", "/files/recordings/..",
        "/files/recordings/camera0/camera0_clip.mp4", "/files/recordings/%2e%2e/%2e%2e/catalog.db"}) {
      assertThat(Http.fetch(service.port(), path, "Authorization", bearer).statusCode()).as(path).isEqualTo(404);
    }
    // The name without extension is looked up in the catalog, like in the methods.
    assertThat(Http.fetch(service.port(), "/files/recordings/camera0_clip", "Authorization", bearer).statusCode())
        .isEqualTo(200);
  }
}
