package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose JVM cannot map some file names (started under {@code LC_ALL=C}, as services often are) still
 * catalogues the others and refuses such client names precisely (issue 9 item 6). The JVM takes its file name
 * encoding from the locale at start-up, so this runs the service in a child JVM started under that locale.
 */
class UnmappableNamesTest {

  @TempDir
  Path dir;

  @Test
  void aNameTheJvmCannotMapIsSkippedAndCountedNotFatal() throws Exception {
    // Placed by this JVM, whose encoding (UTF-8 under the build's locale) can write the name.
    MediaSamples.placeBytes(dir, "recordings", "camera0", "caméra.mp4", 100, Instant.now());
    MediaSamples.placeBytes(dir, "recordings", "camera0", "plain.mp4", 100, Instant.now());
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dsun.jnu.encoding=ANSI_X3.4-1968", "-cp", System.getProperty("java.class.path"),
        InCLocale.class.getName(), dir.toString()).redirectErrorStream(true);
    child.environment().put("LC_ALL", "C");
    child.environment().remove("LANG");
    Process process = child.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    List<String> lines = out.lines().filter(l -> l.startsWith("{\"probe\"")).toList();
    assertThat(lines).as(out).hasSize(1);
    JsonObject seen = new JsonObject(lines.get(0));
    assertThat(seen.getString("encoding")).isEqualTo("ANSI_X3.4-1968");
    assertThat(seen.getJsonArray("listed").getList()).containsExactly("plain.mp4");
    assertThat(seen.getJsonObject("catalog").getInteger("unmappable_names")).isEqualTo(1);
    assertThat(seen.getJsonObject("catalog").getString("state")).isEqualTo("RUNNING");
    JsonObject error = seen.getJsonObject("snapshot").getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo(-32602);
    assertThat(error.getJsonObject("data").getString("param")).isEqualTo("filename");
  }

  /** The child JVM: the real service on the given data folder; prints what a client sees as one JSON line. */
  public static final class InCLocale {
    public static void main(String[] args) {
      try (TestService service = TestService.start(Path.of(args[0]), MediaTesting.testPatterns(1)).awaitCatalog();
          RpcClient admin = service.connect(Role.ADMIN)) {
        JsonObject listing = admin.result("list_recordings", new JsonObject().put("device", "camera0"));
        JsonObject catalog = admin.result("get_metrics", null).getJsonObject("file_metrics").getJsonObject("catalog");
        JsonObject snapshot = admin.call("take_snapshot", new JsonObject().put("device", "camera0")
            .put("filename", "café"));
        System.out.println(new JsonObject().put("probe", true)
            .put("encoding", System.getProperty("sun.jnu.encoding"))
            .put("listed", new io.vertx.core.json.JsonArray(listing.getJsonArray("files").stream()
                .map(f -> ((JsonObject) f).getString("filename")).toList()))
            .put("catalog", catalog)
            .put("snapshot", snapshot).encode());
      }
      System.exit(0);
    }
  }
}
