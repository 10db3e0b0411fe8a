package io.cameraservice.media;

import io.cameraservice.camera.CameraLoop;
import io.cameraservice.files.DiskFull;
import io.cameraservice.files.MediaKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recording of one camera: starts at the first keyframe after it was asked for, writes fragments to its file,
 * starts a new file at a keyframe when {@code segment_seconds} / {@code segment_bytes} is reached, and ends on
 * request, when its duration is reached, when the pipeline fails (status ERROR, the file stays readable) or when the
 * service stops. Camera loop only.
 */
final class Recording implements FragmentSink {

  private static final Logger LOG = LoggerFactory.getLogger(Recording.class);

  enum Status { STARTING, RECORDING, STOPPED, ERROR }

  /** What a recording needs from its surroundings. */
  record Context(CameraLoop loop, MediaFiles files, Remuxer remuxer, io.cameraservice.governance.WorkPool fsPool,
      long segmentSeconds, long segmentBytes, int queueBytes, Clock clock) {}

  /** Told about every status change and about the end (on the loop). */
  interface Listener {
    void changed(Recording recording);

    void ended(Recording recording);
  }

  private final String cameraId;
  private final RecordingFormat format;
  private final Double limitSeconds;
  private final Context ctx;
  private final Listener listener;
  private final Instant requestedAt;
  private final List<String> fileNames = new ArrayList<>();
  /** The files this recording closed: their final size, or null for one discarded as empty. */
  private final List<Future<Long>> finishedFiles = new ArrayList<>();
  private final List<Fragment> backlog = new ArrayList<>();
  private final Promise<Void> done = Promise.promise();
  private Status status = Status.STARTING;
  private InitSegment init;
  private SegmentWriter writer;
  private long backlogBytes;
  private long startTime = -1;
  private long segmentStart;
  private double closedSeconds;
  private long closedBytes;
  private long writtenBytes;
  private String firstName;
  private long fallbackTimer = -1;
  private Instant endedAt;
  private Status finalStatus;
  private String error;
  private String currentName;

  Recording(String cameraId, RecordingFormat format, Double limitSeconds, Context ctx, Listener listener) {
    this.cameraId = cameraId;
    this.format = format;
    this.limitSeconds = limitSeconds;
    this.ctx = ctx;
    this.listener = listener;
    this.requestedAt = ctx.clock().instant();
  }

  /**
   * Registers and opens the first file. Fails with -32060 below the free-space floor, -32050 when the disk fails. A
   * recording stopped while its file was opening closes (and so drops) the empty file at once.
   */
  Future<Void> open() {
    return openSegment(requestedAt).map(w -> {
      if (finalStatus != null) {
        closeSegment(w);
        return null;
      }
      writer = w;
      if (limitSeconds != null) {
        long ms = (long) (limitSeconds * 1000) + 30_000;
        fallbackTimer = ctx.loop().timer(ms, () -> finish(Status.STOPPED, null));
      }
      return null;
    });
  }

  private Future<SegmentWriter> openSegment(Instant at) {
    return ctx.files().claim(MediaKind.RECORDING, cameraId, MediaFiles.stem(cameraId, at), format.extension,
            format.wireName(), 0)
        .compose(path -> SegmentWriter.open(ctx.loop().vertx(), path,
            format.remuxed() ? MediaFiles.partOf(path) : path, ctx.queueBytes())
            .recover(e -> ctx.files().storageFailed(MediaKind.RECORDING, cameraId, name(path), e)))
        .onSuccess(w -> {
          currentName = name(w.path());
          fileNames.add(currentName);
          if (firstName == null) {
            firstName = currentName;
          }
        });
  }

  @Override
  public void start(InitSegment segment, List<Fragment> sinceKeyframe) {
    init = segment;
  }

  @Override
  public void fragment(Fragment f) {
    if (finalStatus != null || init == null) {
      return;
    }
    if (status == Status.STARTING) {
      if (!f.keyframe()) {
        return;
      }
      startTime = f.baseTime();
      segmentStart = f.baseTime();
      status = Status.RECORDING;
      if (writer != null) {
        writer.init(init);
      }
      LOG.info("{} recording to {}", cameraId, currentName);
      listener.changed(this);
    }
    if (limitSeconds != null && f.baseTime() - startTime >= limitSeconds * init.timescale()) {
      finish(Status.STOPPED, null);
      return;
    }
    if (f.keyframe() && writer != null && f.baseTime() != segmentStart && segmentFull(f)) {
      roll(f);
      return;
    }
    append(f);
  }

  private boolean segmentFull(Fragment f) {
    return (ctx.segmentSeconds() > 0 && f.baseTime() - segmentStart >= ctx.segmentSeconds() * init.timescale())
        || (ctx.segmentBytes() > 0 && writer.bytes() >= ctx.segmentBytes());
  }

  private void append(Fragment f) {
    if (writer == null) {
      backlog.add(f);
      backlogBytes += f.size();
      if (backlogBytes > ctx.queueBytes()) {
        finish(Status.ERROR, "storage too slow: the next file did not open in time");
      }
    } else if (!writer.write(f)) {
      finish(Status.ERROR, writer.failure() != null ? storageProblem(writer.failure())
          : "storage too slow: more than " + ctx.queueBytes() + " bytes waiting for the disk");
    }
  }

  /** Why the disk would not take the recording, as its {@code error} says it. */
  private static String storageProblem(Throwable cause) {
    return DiskFull.is(cause) ? "disk full: no space left on the disk for the recording"
        : "storage failed: " + cause.getMessage();
  }

  private void roll(Fragment first) {
    closeSegment(writer);
    writer = null;
    segmentStart = first.baseTime();
    backlog.add(first);
    backlogBytes = first.size();
    openSegment(ctx.clock().instant()).onComplete(opened -> {
      if (finalStatus != null) {
        if (opened.succeeded()) {
          closeSegment(opened.result());
        }
        return;
      }
      if (opened.failed()) {
        finish(Status.ERROR, DiskFull.is(opened.cause()) ? storageProblem(opened.cause())
            : opened.cause().getMessage());
        return;
      }
      writer = opened.result();
      writer.init(init);
      List<Fragment> waiting = List.copyOf(backlog);
      backlog.clear();
      backlogBytes = 0;
      waiting.forEach(this::append);
      LOG.info("{} recording continues in {}", cameraId, currentName);
      listener.changed(this);
    });
  }

  @Override
  public void end(boolean failed) {
    finish(failed ? Status.ERROR : Status.STOPPED, failed ? "the pipeline failed" : null);
  }

  /** Ends the recording; the future completes when every file is final and catalogued. */
  Future<Void> finish(Status result, String reason) {
    if (finalStatus != null) {
      return done.future();
    }
    finalStatus = result;
    error = reason;
    endedAt = ctx.clock().instant();
    if (fallbackTimer >= 0) {
      ctx.loop().cancel(fallbackTimer);
    }
    listener.ended(this);
    if (writer != null) {
      closeSegment(writer);
      writer = null;
    }
    backlog.clear();
    Future.join(new ArrayList<>(finishedFiles)).onComplete(all -> {
      for (Future<Long> f : finishedFiles) {
        if (f.succeeded() && f.result() != null) {
          closedBytes += f.result();
        } else if (f.failed() && finalStatus == Status.STOPPED) {
          finalStatus = Status.ERROR;
          error = f.cause().getMessage();
        }
      }
      status = finalStatus;
      if (status == Status.ERROR) {
        LOG.warn("{} recording ended with an error: {}", cameraId, error);
      } else {
        LOG.info("{} recording stopped after {} s", cameraId, Math.round(closedSeconds * 10) / 10.0);
      }
      listener.changed(this);
      done.complete();
    });
    return done.future();
  }

  /** Closes a file and hands it to the catalog as complete (remuxed first for mp4/mkv), or discards it if empty. */
  private void closeSegment(SegmentWriter w) {
    boolean media = w.hasMedia();
    closedSeconds += w.durationSeconds();
    writtenBytes += w.bytes();
    Path path = w.path();
    String name = name(path);
    // A close that fails (the disk refused the last bytes) still leaves a file that plays up to its last complete
    // fragment: it is finished like any other, so that its row does not stay `writing`.
    Future<Long> finished = w.close().recover(e -> {
      LOG.warn("{} closing {} failed: {}", cameraId, name, e.toString());
      return Future.succeededFuture();
    }).compose(v -> {
      if (!media) {
        fileNames.remove(name);
        return ctx.fsPool().submit(() -> Files.deleteIfExists(MediaFiles.partOf(path)))
            .compose(x -> ctx.files().intake().discard(MediaKind.RECORDING, cameraId, name))
            .map((Long) null);
      }
      Future<Void> remuxed = format.remuxed() ? ctx.remuxer().finish(path, format) : Future.succeededFuture();
      return remuxed.recover(e -> ctx.files().intake().complete(MediaKind.RECORDING, cameraId, name)
          // The media stays in its .part file, which the next start remuxes; meanwhile the registration, which has
          // no final file, is dropped rather than left "writing" (undeletable, never retained).
          .transform(x -> Future.<Void>failedFuture(e))).compose(v2 -> ctx.files().intake().complete(MediaKind.RECORDING, cameraId, name)
          .map(file -> file == null ? 0L : file.size())
          .recover(e -> {
            LOG.warn("{} the media catalog did not take {}: {}", cameraId, name, e.toString());
            return ctx.fsPool().submit(() -> Files.size(path));
          }));
    });
    finishedFiles.add(finished);
  }

  private static String name(Path path) {
    return path.getFileName().toString();
  }

  Future<Void> done() {
    return done.future();
  }

  String cameraId() {
    return cameraId;
  }

  Status status() {
    return status;
  }

  boolean finishing() {
    return finalStatus != null;
  }

  String error() {
    return error;
  }

  RecordingFormat format() {
    return format;
  }

  Double limitSeconds() {
    return limitSeconds;
  }

  Instant requestedAt() {
    return requestedAt;
  }

  Instant endedAt() {
    return endedAt;
  }

  /** The first file's name (what {@code start_recording} answered), even if it was discarded as empty. */
  String firstFile() {
    return firstName;
  }

  /** The file being written now (or last written). */
  String currentFile() {
    return currentName;
  }

  List<String> files() {
    return List.copyOf(fileNames);
  }

  /** Media seconds recorded so far. */
  double seconds() {
    return closedSeconds + (writer == null ? 0 : writer.durationSeconds());
  }

  /** Bytes of the final files once they are all closed (status is final then), bytes written so far before. */
  long bytes() {
    return finalStatus != null && status == finalStatus ? closedBytes
        : writtenBytes + (writer == null ? 0 : writer.bytes());
  }
}
