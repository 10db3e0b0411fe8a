package io.cameraservice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, tiny file system for tests about full disks: a tmpfs mounted before each test and unmounted after it
 * (register with {@code @RegisterExtension final TinyDisk disk = new TinyDisk("4m");}). The tests run as root, as
 * the project's machines and CI do; without the right to mount, the test is skipped, never faked.
 */
public final class TinyDisk implements BeforeEachCallback, AfterEachCallback {

  private final String size;
  private Path dir;

  /** {@code size} as tmpfs takes it, e.g. {@code 16m}. */
  public TinyDisk(String size) {
    this.size = size;
  }

  /** The mounted file system's root. */
  public Path path() {
    return dir;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
    dir = Files.createTempDirectory("tiny-disk");
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes());
    Assumptions.assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "cannot mount a tmpfs here (needs root): " + output);
  }

  /** Unmounts it, lazily if something still holds it, and removes the mount point. */
  @Override
  public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
    Process umount = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
    if (!umount.waitFor(10, TimeUnit.SECONDS) || umount.exitValue() != 0) {
      new ProcessBuilder("umount", "-l", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(dir);
  }
}
