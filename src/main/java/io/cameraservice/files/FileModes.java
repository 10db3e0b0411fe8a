package io.cameraservice.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Footage is private to the service's user (and its group): folders {@code rwxr-x---}, files {@code rw-r-----}.
 * Folders are what really keeps others out (they cannot traverse them), so files that ffmpeg creates with the
 * process umask are unreachable while written; finished files are tightened as well, for copies and moves.
 * Folders and files left by older versions are tightened when met (never loosened). No-ops where the file system
 * is not POSIX.
 */
public final class FileModes {

  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-x---");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private FileModes() {}

  /** Creates {@code dir} (and missing parents) as private folders, or tightens it when it exists already. */
  public static Path folder(Path dir) throws IOException {
    if (POSIX) {
      // The umask only removes bits, and a usual one (022, 027) leaves rwxr-x--- as it is.
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
      tighten(dir, FOLDER);
    } else {
      Files.createDirectories(dir);
    }
    return dir;
  }

  /** Makes a finished file readable by the service's user and group only. */
  public static void file(Path file) throws IOException {
    tighten(file, FILE);
  }

  /** Removes the bits beyond {@code mode}; a stricter mode an operator chose is kept. */
  private static void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (!POSIX) {
      return;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
    Set<PosixFilePermission> next = EnumSet.copyOf(mode);
    next.retainAll(current);
    if (!next.equals(current)) {
      Files.setPosixFilePermissions(path, next);
    }
  }
}
