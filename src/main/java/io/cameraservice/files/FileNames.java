package io.cameraservice.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Rules for file names given by clients: a name is a single path element, checked before anything touches the disk.
 */
public final class FileNames {

  public static final int MAX_BYTES = 255;
  public static final Pattern CAMERA_ID = Pattern.compile("^camera[0-9]+$");

  private FileNames() {}

  /** A camera's folder under recordings/ or snapshots/: named after a camera id, a directory, not a link. */
  static boolean isCameraFolder(Path path) {
    return CAMERA_ID.matcher(path.getFileName().toString()).matches()
        && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** Null when {@code name} is a plain file name, otherwise the rule it breaks (as told to the client). */
  public static String violation(String name) {
    if (name.isEmpty()) {
      return "must not be empty";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "must be a single path element (no / or \\)";
    }
    if (name.contains("..") || name.equals(".")) {
      return "must not contain ..";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "must not contain NUL or control characters";
      }
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "must be at most " + MAX_BYTES + " bytes";
    }
    if (!isMappable(name)) {
      return "must hold only characters the service's file name encoding ("
          + System.getProperty("sun.jnu.encoding") + ") can write";
    }
    return null;
  }

  /**
   * False for a name the JVM cannot turn into a path: its file name encoding comes from the locale at start-up
   * ({@code sun.jnu.encoding}), so under {@code LC_ALL=C} a file named {@code caméra.mp4} reads back with
   * replacement characters that no path can hold. The launchers set UTF-8; this keeps other JVMs safe.
   */
  static boolean isMappable(String name) {
    try {
      Path.of(name);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  public static boolean isPlain(String name) {
    return violation(name) == null;
  }

  /** The name without its extension (the whole name when it has none). */
  public static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  /** Files the catalog keeps: not hidden (temporary files of tools start with a dot), with a known extension. */
  static boolean isCatalogued(MediaKind kind, String name) {
    return !name.startsWith(".") && kind.accepts(name) && isPlain(name);
  }
}
