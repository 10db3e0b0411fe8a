package io.cameraservice.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;

/**
 * Writes one recording file as fragmented MP4: the init segment, then fragments re-timed so the file starts at zero.
 * Writes are asynchronous and ordered; the queue is bounded, and a full queue (a disk that cannot keep up) is
 * reported to the caller instead of growing. Camera loop only.
 */
final class SegmentWriter {

  private final AsyncFile file;
  private final Path path;
  private long bytes;
  private long firstTime = -1;
  private long endTime;
  private long timescale = 1;
  /** The first write error (a full disk, an I/O error); null while every write succeeded. */
  private Throwable failure;

  private SegmentWriter(AsyncFile file, Path path) {
    this.file = file;
    this.path = path;
  }

  /** Opens a file registered with the catalog for writing ({@code writeTo}: the file itself or its .part). */
  static Future<SegmentWriter> open(Vertx vertx, Path path, Path writeTo, int maxQueueBytes) {
    return vertx.fileSystem().open(writeTo.toString(), new OpenOptions().setWrite(true).setCreate(true)
        .setTruncateExisting(true)).map(f -> {
          f.setWriteQueueMaxSize(maxQueueBytes);
          SegmentWriter w = new SegmentWriter(f, path);
          f.exceptionHandler(w::failed);
          return w;
        });
  }

  /** The file's final path (for mp4/mkv the bytes go to the {@code .part} file until the remux). */
  Path path() {
    return path;
  }

  void init(InitSegment init) {
    timescale = init.timescale();
    append(init.bytes());
  }

  /** Appends a fragment; false when the write queue is full or a write failed (then {@link #failure} says why). */
  boolean write(Fragment f) {
    if (failure != null || file.writeQueueFull()) {
      return false;
    }
    if (firstTime < 0) {
      firstTime = f.baseTime();
    }
    endTime = f.baseTime() + f.duration();
    append(f.rebased(firstTime));
    return true;
  }

  private void append(Buffer data) {
    bytes += data.length();
    file.write(data).onFailure(this::failed);
  }

  private void failed(Throwable e) {
    if (failure == null) {
      failure = e;
    }
  }

  Throwable failure() {
    return failure;
  }

  /** Media time written so far. */
  double durationSeconds() {
    return firstTime < 0 ? 0 : (endTime - firstTime) / (double) timescale;
  }

  boolean hasMedia() {
    return firstTime >= 0;
  }

  long bytes() {
    return bytes;
  }

  Future<Void> close() {
    return file.close();
  }
}
