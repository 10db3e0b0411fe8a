package io.cameraservice.media;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Port to the media catalog (files feature): what the pipelines tell it about the files they write. Called on the
 * camera loop; implementations must not block it (queue the database work on the {@code db} pool). The pipelines
 * wait for the returned futures before answering the client, so a file is listed by the time its
 * {@code stop_recording} / {@code take_snapshot} answer arrives; a failed future is logged and does not fail the
 * media operation (the file is on disk; the catalog's start-up reconciliation will find it).
 */
public interface MediaCatalog {

  /**
   * A file is being written at {@code file} (its final path). For {@code mp4} and {@code mkv} the bytes go to
   * {@code <file>.part} until {@link #complete}; the catalog should ignore {@code *.part} files when it scans.
   */
  Future<Void> writing(Path file, MediaKind kind, String camera, Instant startedAt, String format);

  /** The file is complete and will not change any more. */
  Future<Void> complete(MediaFile file);

  /** A file announced with {@link #writing} was not kept (nothing was written to it). */
  Future<Void> discarded(Path file);
}
