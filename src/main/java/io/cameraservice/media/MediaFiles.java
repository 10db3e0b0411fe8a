package io.cameraservice.media;

import io.cameraservice.domain.Failure;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.files.MediaKind;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of new media files and their registration with the media catalog: {@code <camera>_YYYY-MM-DD_HH-MM-SS}
 * (UTC) with {@code _1}, {@code _2}... when a name is taken. The catalog's intake checks the free-space floor,
 * registers the file as being written (so nothing deletes it) and answers where to write it.
 */
final class MediaFiles {

  static final String PART = ".part";
  private static final int MAX_SUFFIX = 1000;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final Pattern STARTED =
      Pattern.compile(".+_(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2})(?:_\\d+)?\\.[a-z0-9]+");

  private final MediaIntake intake;

  MediaFiles(MediaIntake intake) {
    this.intake = intake;
  }

  MediaIntake intake() {
    return intake;
  }

  /** Drops a registered file the disk would not write, then fails with -32050 {@code storage_failed} and why. */
  <T> Future<T> storageFailed(MediaKind kind, String camera, String name, Throwable cause) {
    return intake.discard(kind, camera, name).transform(x -> Future.failedFuture(Failure.dependencyFailed(
        "storage_failed", "disk", cause.getClass().getSimpleName() + ": " + cause.getMessage())));
  }

  static String stem(String camera, Instant at) {
    return camera + "_" + STAMP.format(at);
  }

  /**
   * When the file named {@code filename} was started, read back from its name (to the second), or null for a name
   * this class did not make. The name is the one record of the start that survives an abrupt end: the file's own
   * times on disk are those of its last write, or of the remux that finished it.
   */
  static Instant startOf(String filename) {
    Matcher m = STARTED.matcher(filename);
    if (!m.matches()) {
      return null;
    }
    try {
      return Instant.from(STAMP.parse(m.group(1)));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Registers {@code stem.extension} (or the first free {@code stem_n.extension}) as being written and answers its
   * path. Fails with -32060 below the free-space floor.
   */
  Future<Path> claim(MediaKind kind, String camera, String stem, String extension, String format,
      long expectedBytes) {
    return claim(kind, camera, stem, extension, format, expectedBytes, 0);
  }

  private Future<Path> claim(MediaKind kind, String camera, String stem, String extension, String format,
      long expectedBytes, int n) {
    String name = stem + (n == 0 ? "" : "_" + n) + "." + extension;
    return intake.beginIfFree(kind, camera, name, format, expectedBytes).compose(path -> path.isPresent()
        ? Future.succeededFuture(path.get())
        : n < MAX_SUFFIX ? claim(kind, camera, stem, extension, format, expectedBytes, n + 1)
            : Future.failedFuture(MediaIntake.nameTaken(kind)));
  }

  /** Where the bytes of an mp4/mkv recording go until the remux gives the file its final form. */
  static Path partOf(Path file) {
    return file.resolveSibling(file.getFileName() + PART);
  }
}
