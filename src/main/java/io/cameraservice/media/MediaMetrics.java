package io.cameraservice.media;

import io.cameraservice.camera.Camera;
import io.cameraservice.camera.CameraStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code camera_metrics}, {@code recording_metrics} and {@code stream_metrics} sections of {@code get_metrics},
 * and the matching Prometheus meters. Reads only the pipelines' published snapshots, so any thread may call it.
 */
public final class MediaMetrics {

  /** What the media feature publishes for metrics; every method is safe on any thread. */
  interface Readings {
    Collection<Camera> cameras();

    /** Every camera that has a pipeline, with its latest snapshot. */
    Map<String, PipelineStats> pipelines();

    /** A camera's latest snapshot ({@link PipelineStats#IDLE} when it has no pipeline). */
    PipelineStats stats(String cameraId);

    int activeRecordings();

    Recordings.Totals recordingTotals();
  }

  private final Readings media;
  private final MeterRegistry registry;
  private final Map<String, List<Meter>> perCamera = new ConcurrentHashMap<>();
  private final Map<String, Counter> crashes = new ConcurrentHashMap<>();

  MediaMetrics(Readings media, MeterRegistry registry) {
    this.media = media;
    this.registry = registry;
    Gauge.builder("camera_pipelines_running", this, m -> m.count(PipelineState.RUNNING))
        .description("ffmpeg pipelines delivering pictures").register(registry);
    Gauge.builder("stream_viewers", this, m -> m.sum(s -> s.viewers()))
        .description("Live viewers connected (fMP4 and MJPEG)").register(registry);
    FunctionCounter.builder("stream_bytes_sent_total", this, m -> m.sum(s -> s.bytesSent()))
        .description("Bytes sent to live viewers").register(registry);
    Gauge.builder("recordings_active", media, Readings::activeRecordings)
        .description("Recordings in progress").register(registry);
  }

  void track(String cameraId, Pipeline pipeline) {
    List<Meter> meters = new ArrayList<>();
    meters.add(Gauge.builder("camera_pipeline_fps", pipeline, p -> p.stats().fps()).tag("camera", cameraId)
        .description("Frames per second the pipeline delivers").register(registry));
    meters.add(Gauge.builder("camera_pipeline_bitrate_bits", pipeline, p -> p.stats().bitrate())
        .tag("camera", cameraId).description("Bits per second of the live H.264 stream").register(registry));
    perCamera.put(cameraId, meters);
  }

  void crashed(String cameraId) {
    crashes.computeIfAbsent(cameraId, id -> Counter.builder("camera_pipeline_restarts_total").tag("camera", id)
        .description("Pipeline failures (each followed by a restart with backoff while the camera is in use)")
        .register(registry)).increment();
  }

  void forget(String cameraId) {
    List<Meter> meters = perCamera.remove(cameraId);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }

  /** {@code camera_metrics}. */
  public JsonObject cameraSection(Clock clock) {
    JsonObject cameras = new JsonObject();
    int connected = 0;
    for (Camera camera : media.cameras()) {
      connected += camera.status() == CameraStatus.CONNECTED ? 1 : 0;
      PipelineStats s = media.stats(camera.id());
      cameras.put(camera.id(), new JsonObject()
          .put("status", camera.status().name())
          .put("source", camera.source().kind())
          .put("pipeline", s.state().name())
          .put("mode", s.mode())
          .put("ffmpeg_pid", s.pid() > 0 ? s.pid() : null)
          .put("fps", s.fps())
          .put("bitrate", s.bitrate())
          .put("frames_in", s.framesIn())
          .put("bytes_in", s.bytesIn())
          .put("dropped_fragments", s.droppedFragments())
          .put("restarts", s.restarts())
          .put("next_restart_ms", s.nextRestartMs() >= 0 ? s.nextRestartMs() : null)
          .put("uptime", s.runningSince() == null ? 0 : Duration.between(s.runningSince(), clock.instant())
              .toSeconds())
          .put("last_error", s.lastError()));
    }
    return new JsonObject().put("total", cameras.size()).put("connected", connected)
        .put("pipelines_running", count(PipelineState.RUNNING)).put("cameras", cameras);
  }

  /** {@code recording_metrics}. */
  public JsonObject recordingSection() {
    Recordings.Totals t = media.recordingTotals();
    return new JsonObject()
        .put("active", t.active())
        .put("started_total", t.started())
        .put("stopped_total", t.stopped())
        .put("failed_total", t.failed())
        .put("bytes_written_total", t.bytesWritten());
  }

  /** {@code stream_metrics}. */
  public JsonObject streamSection() {
    JsonObject streams = new JsonObject();
    for (Map.Entry<String, PipelineStats> e : media.pipelines().entrySet()) {
      PipelineStats s = e.getValue();
      streams.put(e.getKey(), new JsonObject().put("state", s.state().name()).put("viewers", s.viewers())
          .put("bytes_sent", s.bytesSent()).put("frames_sent", s.framesSent()).put("fps", s.fps())
          .put("bitrate", s.bitrate()).put("streaming", s.streaming()));
    }
    return new JsonObject().put("viewers", (long) sum(PipelineStats::viewers))
        .put("bytes_sent_total", (long) sum(PipelineStats::bytesSent))
        .put("frames_sent_total", (long) sum(PipelineStats::framesSent))
        .put("streams", streams);
  }

  private double count(PipelineState state) {
    return media.pipelines().values().stream().filter(s -> s.state() == state).count();
  }

  private double sum(java.util.function.ToDoubleFunction<PipelineStats> field) {
    return media.pipelines().values().stream().mapToDouble(field).sum();
  }
}
