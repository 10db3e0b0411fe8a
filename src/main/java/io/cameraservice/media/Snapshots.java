package io.cameraservice.media;

import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.Topics;
import io.cameraservice.files.MediaKind;
import io.cameraservice.governance.WorkPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG snapshots from a camera's pipeline: the latest frame of its JPEG side stream when the pipeline runs (no new
 * process, no decoding), or the first frame after starting it when the camera is idle (the pipeline then stays warm
 * for {@code auto_close_after_seconds}). Camera loop only.
 */
final class Snapshots {

  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  private final MediaFiles files;
  private final EventHub events;
  private final WorkPool fsPool;
  private final Clock clock;
  private final long maxAgeMs;
  private final int pipelineQuality;
  private final Timer latency;

  Snapshots(MediaFiles files, EventHub events, WorkPool fsPool, Clock clock, int jpegFps, int pipelineQuality,
      MeterRegistry registry) {
    this.files = files;
    this.events = events;
    this.fsPool = fsPool;
    this.clock = clock;
    // Two frame intervals: the latest image is fresh unless the stream stalled.
    this.maxAgeMs = 2000L / jpegFps;
    this.pipelineQuality = pipelineQuality;
    this.latency = Timer.builder("snapshot_seconds").description("take_snapshot from request to file on disk")
        .publishPercentiles(0.5, 0.95).register(registry);
  }

  /** A fresh JPEG of the camera, at {@code quality} (null: as the pipeline encodes it). */
  Future<Buffer> image(Pipeline pipeline, Integer quality) {
    Pipeline.Lease lease = pipeline.acquire();
    return pipeline.jpeg(maxAgeMs)
        .compose(jpeg -> quality == null || quality == pipelineQuality ? Future.succeededFuture(jpeg)
            : fsPool.submit(() -> JpegQuality.reencode(jpeg, quality)))
        .onComplete(done -> lease.close());
  }

  /**
   * {@code take_snapshot}: the file is written, catalogued and announced before this completes. {@code filename} is a
   * client's plain name ending in .jpg/.jpeg (already validated), or null for a generated one.
   */
  Future<SnapshotTaken> take(String cameraId, Pipeline pipeline, String filename, Integer quality) {
    long started = System.nanoTime();
    Instant at = clock.instant();
    int dot = filename == null ? -1 : filename.lastIndexOf('.');
    String stem = filename == null ? MediaFiles.stem(cameraId, at) : filename.substring(0, dot);
    String extension = filename == null ? "jpg" : filename.substring(dot + 1);
    // The floor is checked before an idle camera is started for nothing.
    return files.intake().ensureFree(0)
        .compose(v -> image(pipeline, quality))
        .compose(jpeg -> files.claim(MediaKind.SNAPSHOT, cameraId, stem, extension, "jpg", jpeg.length())
            .compose(path -> write(cameraId, path, jpeg)))
        .map(saved -> {
          latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
          int[] wh = JpegQuality.dimensions(saved.jpeg());
          SnapshotTaken taken = new SnapshotTaken(cameraId, saved.path().getFileName().toString(), at,
              saved.jpeg().length(), wh == null ? null : wh[0] + "x" + wh[1], saved.path());
          events.publish(new Event(Topics.SNAPSHOT_TAKEN, cameraId, "snapshot_taken",
              MediaNotifications.snapshotTaken(taken)));
          return taken;
        });
  }

  /** Writes the registered file and tells the catalog it is complete (a file the disk refused is discarded). */
  private Future<Saved> write(String cameraId, Path path, Buffer jpeg) {
    String name = path.getFileName().toString();
    return fsPool.submit(() -> Files.write(path, jpeg.getBytes()))
        .recover(e -> files.storageFailed(MediaKind.SNAPSHOT, cameraId, name, e))
        .compose(written -> files.intake().complete(MediaKind.SNAPSHOT, cameraId, name)
            .<Object>map(f -> f)
            .recover(e -> {
              LOG.warn("{} the media catalog did not take {}: {}", cameraId, name, e.toString());
              return Future.succeededFuture();
            }))
        .map(v -> new Saved(path, jpeg));
  }

  private record Saved(Path path, Buffer jpeg) {}
}
