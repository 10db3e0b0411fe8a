package io.cameraservice.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
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
 *
 * <p>With {@code storage.file_group} the data folder gets that group and the setgid bit, so everything created in it,
 * by the service, SQLite or ffmpeg, gets the group from the kernel; folders and files met here that were made before
 * are given their parent's group the same way.
 */
public final class FileModes {

  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-x---");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  private static final int SETGID = 02000;
  private static final String MODE = "unix:mode";
  private static final String GID = "unix:gid";

  private FileModes() {}

  /** Creates {@code dir} (and missing parents) as private folders, or tightens it when it exists already. */
  public static Path folder(Path dir) throws IOException {
    if (POSIX) {
      // The umask only removes bits, and a usual one (022, 027) leaves rwxr-x--- as it is.
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
      tighten(dir, FOLDER);
      inheritGroup(dir, true);
    } else {
      Files.createDirectories(dir);
    }
    return dir;
  }

  /** Makes a finished file readable by the service's user and group only. */
  public static void file(Path file) throws IOException {
    tighten(file, FILE);
    inheritGroup(file, false);
  }

  /**
   * Gives {@code root} to the group named {@code groupName} and sets its setgid bit, so that what is created under
   * it gets the group. The service's user must be a member of the group (or root).
   */
  public static void shareWithGroup(Path root, String groupName) throws IOException {
    if (!UNIX) {
      return;
    }
    GroupPrincipal group = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(groupName);
    Files.getFileAttributeView(root, PosixFileAttributeView.class).setGroup(group);
    setSetgid(root);
  }

  /** Where the parent folder passes its group on (setgid), {@code path} takes that group, and a folder the bit. */
  private static void inheritGroup(Path path, boolean folder) throws IOException {
    Path parent = path.getParent();
    if (!UNIX || parent == null || ((Integer) Files.getAttribute(parent, MODE) & SETGID) == 0) {
      return;
    }
    Object gid = Files.getAttribute(parent, GID);
    if (!gid.equals(Files.getAttribute(path, GID))) {
      Files.setAttribute(path, GID, gid);
    }
    if (folder) {
      setSetgid(path);
    }
  }

  /** PosixFilePermission has no setgid, and setting permissions through it clears the bit: the unix view keeps it. */
  private static void setSetgid(Path dir) throws IOException {
    int mode = (Integer) Files.getAttribute(dir, MODE);
    if ((mode & SETGID) == 0) {
      Files.setAttribute(dir, MODE, (mode & 07777) | SETGID);
    }
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
