package io.cameraservice.media;

import io.cameraservice.camera.CameraLoop;
import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.Topics;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.rpc.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
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
  private final MediaCatalog catalog;
  private final StorageGuard guard;
  private final EventHub events;
  private final WorkPool fsPool;
  private final Clock clock;
  private final long maxAgeMs;
  private final int pipelineQuality;
  private final Timer latency;

  Snapshots(MediaFiles files, MediaCatalog catalog, StorageGuard guard, EventHub events, WorkPool fsPool,
      Clock clock, int jpegFps, int pipelineQuality, MeterRegistry registry) {
    this.files = files;
    this.catalog = catalog;
    this.guard = guard;
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

  /** {@code take_snapshot}: the file is written, catalogued and announced before this completes. */
  Future<JsonObject> take(String cameraId, Pipeline pipeline, String filename, Integer quality, boolean admin) {
    long started = System.nanoTime();
    Instant at = clock.instant();
    return guard.admit(MediaKind.SNAPSHOT, cameraId)
        .compose(v -> image(pipeline, quality))
        .compose(jpeg -> fsPool.submit(() -> {
          Path file = files.claimSnapshot(cameraId, at, filename);
          Files.write(file, jpeg.getBytes());
          return new Saved(file, jpeg);
        }).recover(e -> Future.failedFuture(io.cameraservice.rpc.RpcError.dependencyFailed("storage_failed", "disk",
            e.getClass().getSimpleName() + ": " + e.getMessage()).exception())))
        .compose(saved -> {
          int[] size = JpegQuality.dimensions(saved.jpeg());
          MediaFile file = new MediaFile(saved.path(), MediaKind.SNAPSHOT, cameraId, saved.jpeg().length(), null,
              "jpg", size == null ? null : size[0] + "x" + size[1], at, clock.instant());
          return catalog.writing(saved.path(), MediaKind.SNAPSHOT, cameraId, at, "jpg")
              .compose(v -> catalog.complete(file))
              .recover(e -> {
                LOG.warn("{} media catalog failed for a snapshot: {}", cameraId, e.toString());
                return Future.succeededFuture();
              })
              .map(file);
        })
        .map(file -> {
          latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
          String name = file.path().getFileName().toString();
          String timestamp = Timestamps.format(at);
          events.publish(new Event(Topics.SNAPSHOT_TAKEN, cameraId, "snapshot_taken", new JsonObject()
              .put("device", cameraId).put("filename", name).put("file_size", file.sizeBytes())
              .put("timestamp", timestamp)));
          JsonObject result = new JsonObject().put("device", cameraId).put("filename", name)
              .put("status", "SUCCESS").put("timestamp", timestamp).put("file_size", file.sizeBytes())
              .put("resolution", file.resolution());
          return admin ? result.put("file_path", file.path().toString()) : result;
        });
  }

  private record Saved(Path path, Buffer jpeg) {}
}
