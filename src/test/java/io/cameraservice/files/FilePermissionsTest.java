package io.cameraservice.files;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Footage, its folders and the catalog are private to the service's user and group (issue 9 item 12). */
class FilePermissionsTest {

  private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  @TempDir
  Path parent;

  @Test
  void foldersMediaFilesAndTheCatalogAreNotOpenToOthers() throws Exception {
    // A data folder the service creates itself (the @TempDir is private already and would prove nothing).
    Path dir = parent.resolve("data");
    String recording;
    String snapshot;
    try (TestService service = TestService.start(dir, testPatterns(1));
        RpcClient client = service.connect(Role.OPERATOR)) {
      recording = client.result("start_recording", new JsonObject().put("device", "camera0")).getString("filename");
      client.awaitNotification(n -> MediaTesting.recordingUpdate(n, "RECORDING"));
      client.result("stop_recording", new JsonObject().put("device", "camera0"));
      snapshot = client.result("take_snapshot", new JsonObject().put("device", "camera0")).getString("filename");
    }
    assertThat(dir.resolve("recordings/camera0/" + recording)).exists();
    assertThat(dir.resolve("snapshots/camera0/" + snapshot)).exists();
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.toList();
    }
    for (Path path : all) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
      String shown = dir.relativize(path) + " " + PosixFilePermissions.toString(mode);
      assertThat(mode).as(shown).doesNotContainAnyElementsOf(OTHERS);
      assertThat(mode).as(shown).doesNotContain(PosixFilePermission.GROUP_WRITE);
      if (Files.isRegularFile(path) && !path.startsWith(dir.resolve("state"))) {
        assertThat(mode).as(shown).isSubsetOf(PosixFilePermissions.fromString("rw-r-----"));
      }
    }
    assertThat(all).anyMatch(p -> p.getFileName().toString().equals("catalog.db"));
  }
}
