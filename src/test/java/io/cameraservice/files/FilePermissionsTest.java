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
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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

  @Test
  void theConfiguredGroupOwnsTheDataFolderAndWhatIsCreatedInIt() throws Exception {
    // A group other than the user's primary one, else the test could not fail; only root may give files to any group.
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chgrp to another group");
    String group = "daemon";
    Path dir = parent.resolve("data");
    String snapshot;
    try (TestService service = TestService.start(dir, testPatterns(1).andThen(tree -> tree.withObject("/storage")
        .put("file_group", group)));
        RpcClient client = service.connect(Role.OPERATOR)) {
      snapshot = client.result("take_snapshot", new JsonObject().put("device", "camera0")).getString("filename");
    }
    Path file = dir.resolve("snapshots/camera0/" + snapshot);
    for (Path path : List.of(dir, dir.resolve("recordings"), dir.resolve("snapshots"), dir.resolve("snapshots/camera0"),
        dir.resolve("catalog.db"), file)) {
      assertThat(Files.readAttributes(path, PosixFileAttributes.class).group().getName()).as(path.toString())
          .isEqualTo(group);
      if (Files.isDirectory(path)) {
        assertThat((Integer) Files.getAttribute(path, "unix:mode") & 02000).as(path + " passes its group on")
            .isNotZero();
      }
    }
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
  }
}
