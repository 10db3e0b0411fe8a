package io.cameraservice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, tiny file system for tests about full disks: a tmpfs mounted for the test. The tests run as root, as the
 * project's machines and CI do; without the right to mount, the test is skipped, never faked.
 */
public final class TinyDisk {

  private TinyDisk() {}

  /** Mounts a tmpfs of {@code size} (e.g. {@code 16m}) at {@code dir}, created if needed. */
  public static Path mount(Path dir, String size) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes());
    Assumptions.assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "cannot mount a tmpfs here (needs root): " + output);
    return dir;
  }

  /** Unmounts it, lazily if something still holds it. */
  public static void unmount(Path dir) throws IOException, InterruptedException {
    Process umount = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
    if (!umount.waitFor(10, TimeUnit.SECONDS) || umount.exitValue() != 0) {
      new ProcessBuilder("umount", "-l", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
