package io.cameraservice.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory readable by the service's user only, for what must not leak to other local users (API key hashes,
 * generated secrets, the retention policy). A ground-floor helper: the configuration names the directory, auth and
 * the wiring create it, and neither needs the other for that.
 */
public final class PrivateDirectory {

  private PrivateDirectory() {}

  /** Creates {@code dir} (mode 700) and its parents, unless it exists; answers {@code dir}. */
  public static Path create(Path dir) {
    try {
      Files.createDirectories(dir.getParent());
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
