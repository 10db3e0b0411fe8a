package io.cameraservice.files;

import io.cameraservice.domain.Failure;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The API for producers of media files (recording pipelines, snapshots). A producer asks for a file with
 * {@link #begin}, which checks the free-space floor (-32060 below it), creates the camera folder and registers the
 * file as {@code writing} (it then cannot be deleted by users, retention or reclaim); it writes the file at the path
 * it got; then calls {@link #complete} (size from disk, duration and resolution probed once, off the event loop) or,
 * if it could not produce a usable file, {@link #discard}. All methods are safe to call from any event loop.
 */
public final class MediaIntake {

  private final MediaCatalog catalog;
  private final FreeSpaceFloor floor;

  public MediaIntake(MediaCatalog catalog, FreeSpaceFloor floor) {
    this.catalog = catalog;
    this.floor = floor;
  }

  /**
   * Registers a new file as {@code writing} and answers the absolute path to write it to.
   *
   * @param camera a camera id ({@code cameraN})
   * @param filename a plain file name with an extension of its kind (.mp4/.mkv, .jpg)
   * @param format the format to report (e.g. {@code fmp4}); null for the one its extension names
   * @param expectedBytes what the producer expects to write (0 when unknown), added to the floor check
   * @return fails with -32060 below the free-space floor, -32602 ({@code file_exists} or an invalid name)
   */
  public Future<Path> begin(MediaKind kind, String camera, String filename, String format, long expectedBytes) {
    return beginIfFree(kind, camera, filename, format, expectedBytes)
        .map(path -> path.orElseThrow(() -> nameTaken(kind)));
  }

  /** Like {@link #begin}, but a name that is taken answers nothing instead of failing (for producers that retry). */
  public Future<Optional<Path>> beginIfFree(MediaKind kind, String camera, String filename, String format,
      long expectedBytes) {
    Failure invalid = check(kind, camera, filename);
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    return floor.ensureFree(Math.max(0, expectedBytes))
        .compose(v -> catalog.beginWriting(kind, camera, filename, format == null ? kind.formatOf(filename)
            : format));
  }

  /** -32602 {@code file_exists}: a file of this kind and name is catalogued or on disk. */
  public static Failure nameTaken(MediaKind kind) {
    return Failure.invalidInput("file_exists", "filename", "a " + kind.resource() + " with this name already exists");
  }

  /**
   * Marks the file complete and answers it with its size, duration and resolution (probed once for this version).
   * Answers null when the file is not on disk (its registration is dropped).
   */
  public Future<MediaFile> complete(MediaKind kind, String camera, String filename) {
    return catalog.finishWriting(kind, camera, filename).compose(file -> file == null
        ? Future.succeededFuture(null)
        // A refused probe (pool busy) or one the catalog cannot store (a full disk) leaves the file complete but
        // unprobed, for the backfill or its first info.
        : catalog.probe(file).transform(probed -> probed.succeeded() ? catalog.storeProbe(file, probed.result())
            .recover(e -> Future.succeededFuture()) : Future.<Void>succeededFuture())
            .compose(v -> catalog.at(kind, camera, filename)));
  }

  /**
   * Catalogues a file finished only after a restart (e.g. a recording remuxed from what a crash left) as complete,
   * with {@code started} as its creation time. Answers null when the file is not on disk.
   */
  public Future<MediaFile> finishedLate(MediaKind kind, String camera, String filename, Instant started) {
    return catalog.finishedLate(kind, camera, filename, started);
  }

  /** Deletes a file the producer could not finish, and its registration. */
  public Future<Void> discard(MediaKind kind, String camera, String filename) {
    return catalog.discard(kind, camera, filename);
  }

  /** The floor check alone: -32060 when writing {@code requiredBytes} more would go below it. */
  public Future<Void> ensureFree(long requiredBytes) {
    return floor.ensureFree(requiredBytes);
  }

  private static Failure check(MediaKind kind, String camera, String filename) {
    if (camera == null || !FileNames.CAMERA_ID.matcher(camera).matches()) {
      return Failure.invalidInput("invalid_value", "device", "must match " + FileNames.CAMERA_ID.pattern());
    }
    String rule = FileNames.violation(filename);
    if (rule == null && !FileNames.isCatalogued(kind, filename)) {
      rule = "must have an extension a " + kind.resource() + " may have and must not start with a dot";
    }
    return rule == null ? null : Failure.invalidInput("invalid_value", "filename", rule);
  }
}
