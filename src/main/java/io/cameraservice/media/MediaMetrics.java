package io.cameraservice.media;

import io.cameraservice.camera.Camera;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The media's Prometheus meters, and the readings {@link MediaMethods} renders as the {@code camera_metrics},
 * {@code recording_metrics} and {@code stream_metrics} sections of {@code get_metrics}. Reads only the pipelines'
 * published snapshots, so any thread may call it.
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

  /** A camera with its pipeline's latest snapshot. */
  record CameraReading(Camera camera, PipelineStats stats) {}

  /** Every camera, with its pipeline's latest snapshot ({@link PipelineStats#IDLE} when it has no pipeline). */
  List<CameraReading> cameras() {
    return media.cameras().stream().map(c -> new CameraReading(c, media.stats(c.id()))).toList();
  }

  /** Every camera that has a pipeline, with its latest snapshot. */
  Map<String, PipelineStats> pipelines() {
    return media.pipelines();
  }

  Recordings.Totals recordingTotals() {
    return media.recordingTotals();
  }

  /** Pipelines in {@code state}; a double as gauges take it (and as {@code pipelines_running} has always shown it). */
  double count(PipelineState state) {
    return media.pipelines().values().stream().filter(s -> s.state() == state).count();
  }

  double sum(java.util.function.ToDoubleFunction<PipelineStats> field) {
    return media.pipelines().values().stream().mapToDouble(field).sum();
  }
}
