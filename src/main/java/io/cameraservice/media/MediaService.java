package io.cameraservice.media;

import io.cameraservice.domain.Failure;
import io.cameraservice.camera.Camera;
import io.cameraservice.camera.CameraActivity;
import io.cameraservice.camera.CameraLoop;
import io.cameraservice.camera.CameraRegistry;
import io.cameraservice.camera.CameraStatus;
import io.cameraservice.config.MediaSettings;
import io.cameraservice.config.RecordingSettings;
import io.cameraservice.events.EventHub;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.files.MediaKind;
import io.cameraservice.governance.WorkPools;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media feature's front: one {@link Pipeline} per camera that is in use, and the recordings, snapshots, live
 * streams and viewers built on it. Every operation runs on the {@link CameraLoop}; results come back on the caller's
 * context.
 */
public final class MediaService implements CameraActivity {

  private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);
  private static final long SHUTDOWN_LIMIT_MS = 20_000;

  private final MediaSettings settings;
  private final CameraRegistry registry;
  private final CameraLoop loop;
  private final WorkPools pools;
  private final Clock clock;
  private final StreamLinks links;
  private final MediaFiles files;
  private final Path recordingsRoot;
  private final Remuxer remuxer;
  private final Recordings recordings;
  private final Snapshots snapshots;
  private final MediaMetrics metrics;
  private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();
  private final Path socketDir;
  private long refresher = -1;
  private volatile boolean stopping;

  /** New files are registered with the media catalog through {@code intake} (files feature). */
  public MediaService(MediaSettings settings, RecordingSettings recording, Path dataDir, CameraRegistry registry,
      CameraLoop loop, WorkPools pools, EventHub events, MediaIntake intake, StreamLinks links, MeterRegistry meters,
      Clock clock) {
    this.settings = settings;
    this.registry = registry;
    this.loop = loop;
    this.pools = pools;
    this.clock = clock;
    this.links = links;
    this.files = new MediaFiles(intake);
    this.recordingsRoot = dataDir.resolve(MediaKind.RECORDING.folder());
    this.remuxer = new Remuxer(settings.ffmpegPath(), pools.process());
    this.recordings = new Recordings(new Recording.Context(loop, files, remuxer, pools.fs(),
        recording.segmentSeconds(), recording.segmentBytes(), settings.buffers().recordingQueueBytes(), clock),
        events);
    this.snapshots = new Snapshots(files, events, pools.fs(), clock, settings.jpeg().fps(),
        settings.jpeg().quality(), meters);
    this.metrics = new MediaMetrics(readings, meters);
    try {
      this.socketDir = Files.createTempDirectory("cs-media-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private directory for pipeline sockets", e);
    }
  }

  public void start() {
    registry.onChange(camera -> loop.run(() -> cameraChanged(camera)));
    loop.run(() -> refresher = loop.periodic(1_000, () -> pipelines.values().forEach(Pipeline::refresh)));
    pools.process().submit(() -> PartialRecordings.recover(recordingsRoot, remuxer))
        .onSuccess(recovered -> recovered.forEach(this::catalogRecovered));
  }

  /** A recovered recording is catalogued as created when it started, not when the restart finished it. */
  private void catalogRecovered(Path path) {
    String name = path.getFileName().toString();
    Instant started = MediaFiles.startOf(name);
    if (started == null) {
      LOG.info("{} is complete again", name);
      return;
    }
    files.intake().finishedLate(MediaKind.RECORDING, path.getParent().getFileName().toString(), name, started)
        .onComplete(done -> {
          if (done.succeeded()) {
            LOG.info("{} is complete again (started {})", name, started);
          } else {
            LOG.warn("{} is complete again but the media catalog did not take it: {}", name, done.cause().toString());
          }
        });
  }

  /**
   * Ends every recording normally (files final and catalogued), then stops every pipeline; whatever does not end
   * within the limit is killed. Never fails.
   */
  public Future<Void> stop() {
    stopping = true;
    Future<Void> done = loop.call(() -> {
      if (refresher >= 0) {
        loop.cancel(refresher);
      }
      return recordings.stopAll().transform(v -> {
        List<Future<Void>> stops = new ArrayList<>();
        pipelines.values().forEach(p -> stops.add(p.stop(false, "service stopping")));
        return Future.join(stops).mapEmpty();
      });
    });
    return done.timeout(SHUTDOWN_LIMIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .<Void>transform(result -> {
          if (result.failed()) {
            LOG.warn("media did not stop in time ({}), killing what is left", result.cause().toString());
          }
          pipelines.values().forEach(Pipeline::kill);
          deleteSocketDir();
          return Future.succeededFuture();
        });
  }

  private void cameraChanged(Camera camera) {
    Pipeline pipeline = pipelines.get(camera.id());
    if (pipeline == null) {
      return;
    }
    boolean removed = registry.find(camera.id()) == null;
    if (removed || camera.status() == CameraStatus.DISCONNECTED) {
      pipeline.stop(true, "camera disconnected");
      if (removed) {
        pipelines.remove(camera.id());
        metrics.forget(camera.id());
      }
    } else {
      pipeline.source(camera.source());
    }
  }

  private Pipeline pipeline(Camera camera) {
    return pipelines.computeIfAbsent(camera.id(), id -> {
      Pipeline p = new Pipeline(id, camera.source(), settings, loop, pools.process(), socketDir, pipelineListener,
          clock);
      metrics.track(id, p);
      return p;
    });
  }

  private final Pipeline.Listener pipelineListener = new Pipeline.Listener() {
    @Override
    public void running(String cameraId) {
      Camera camera = registry.find(cameraId);
      if (camera != null && camera.status() == CameraStatus.ERROR) {
        registry.status(cameraId, CameraStatus.CONNECTED);
      }
    }

    @Override
    public void crashed(String cameraId, String reason, long restartInMs) {
      metrics.crashed(cameraId);
      Camera camera = registry.find(cameraId);
      if (camera != null && camera.status() == CameraStatus.CONNECTED && !stopping) {
        registry.status(cameraId, CameraStatus.ERROR);
      }
    }
  };

  /** The camera a call names, connected: -32010 when unknown, -32050 when it is not there now. */
  private Camera usable(String cameraId) {
    Camera camera = registry.find(cameraId);
    if (camera == null) {
      throw Failure.notFound("camera", cameraId);
    }
    if (camera.status() == CameraStatus.DISCONNECTED) {
      throw Failure.dependencyFailed("camera_disconnected", "camera", cameraId + " is not connected");
    }
    if (stopping) {
      throw Failure.dependencyFailed("service_stopping", "camera", "the service is shutting down");
    }
    return camera;
  }

  private Camera known(String cameraId) {
    Camera camera = registry.find(cameraId);
    if (camera == null) {
      throw Failure.notFound("camera", cameraId);
    }
    return camera;
  }

  // --- recording ---

  Future<RecordingView> startRecording(String cameraId, String format, Long durationSeconds) {
    return loop.call(() -> {
      Camera camera = usable(cameraId);
      return recordings.start(camera, pipeline(camera), RecordingFormat.of(format),
          durationSeconds == null ? null : durationSeconds.doubleValue());
    });
  }

  Future<RecordingView> stopRecording(String cameraId) {
    return loop.call(() -> {
      known(cameraId);
      return recordings.stop(cameraId);
    });
  }

  // --- snapshots ---

  Future<SnapshotTaken> takeSnapshot(String cameraId, String filename, Integer quality) {
    return loop.call(() -> {
      Camera camera = usable(cameraId);
      return snapshots.take(cameraId, pipeline(camera), filename, quality);
    });
  }

  /** A fresh JPEG for {@code GET /snapshot/{camera}.jpg}; not stored. */
  public Future<Buffer> snapshotImage(String cameraId, Integer quality) {
    return loop.call(() -> snapshots.image(pipeline(usable(cameraId)), quality));
  }

  // --- streaming ---

  /** A stream {@code start_streaming} started (or found running). */
  record StreamStarted(String cameraId, String url, Instant since, int autoCloseAfterSeconds) { }

  /** What {@code stop_streaming} ended; {@code continues}: recordings or viewers keep the pipeline running. */
  record StreamStopped(String cameraId, Instant since, Instant end, boolean continues) { }

  /** A camera's stream as {@code get_stream_url}, {@code get_stream_status} and {@code get_streams} show it. */
  record StreamView(String cameraId, String url, String sourceKind, boolean available, boolean cameraError,
      boolean recording, PipelineStats stats) { }

  Future<StreamStarted> startStreaming(String cameraId) {
    return loop.call(() -> {
      Camera camera = usable(cameraId);
      Pipeline p = pipeline(camera);
      p.streaming(true);
      return p.ready().map(feed -> new StreamStarted(cameraId, links.streamUrl(cameraId), p.streamingSince(),
          settings.autoCloseAfterSeconds()))
          .onFailure(e -> p.streaming(false));
    });
  }

  Future<StreamStopped> stopStreaming(String cameraId) {
    return loop.call(() -> {
      known(cameraId);
      Pipeline p = pipelines.get(cameraId);
      PipelineState state = p == null ? PipelineState.IDLE : p.state();
      if (p == null || (!p.streaming() && (state == PipelineState.IDLE || state == PipelineState.STOPPING))) {
        return Future.failedFuture(Failure.invalidState("not_streaming", "INACTIVE", List.of("ACTIVE", "STARTING")));
      }
      Instant since = p.streamingSince() != null && p.streaming() ? p.streamingSince()
          : p.stats().runningSince();
      Instant now = clock.instant();
      boolean continues = p.hasLeases();
      if (continues) {
        p.streaming(false);
      } else {
        p.stop(false, "stop_streaming");
      }
      return Future.succeededFuture(new StreamStopped(cameraId, since, now, continues));
    });
  }

  /** One camera's stream; -32010 when the camera is unknown. */
  Future<StreamView> stream(String cameraId) {
    return loop.call(() -> Future.succeededFuture(view(known(cameraId))));
  }

  Future<List<StreamView>> streams() {
    return loop.call(() -> Future.succeededFuture(registry.all().stream().map(this::view).toList()));
  }

  private StreamView view(Camera camera) {
    return new StreamView(camera.id(), links.streamUrl(camera.id()), camera.source().kind(),
        camera.status() != CameraStatus.DISCONNECTED, camera.status() == CameraStatus.ERROR,
        recordings.find(camera.id()) != null, stats(camera.id()));
  }

  // --- live viewers ---

  /**
   * Attaches a live viewer once the camera's pipeline delivers; the future holds a handle that detaches it (call it
   * when the client goes away). Fails with a {@link Failure} (the route maps its kind to an HTTP status).
   */
  public Future<Runnable> watch(String cameraId, ViewerOutput output, boolean mjpeg) {
    return loop.call(() -> {
      Camera camera = usable(cameraId);
      Pipeline p = pipeline(camera);
      if (p.viewers() >= settings.live().maxViewersPerCamera()) {
        return Future.failedFuture(Failure.busy("too_many_viewers", 1000,
            settings.live().maxViewersPerCamera(), "camera:" + cameraId));
      }
      Pipeline.Lease lease = p.acquire();
      p.viewers(+1);
      Runnable[] detach = new Runnable[1];
      boolean[] gone = new boolean[1];
      detach[0] = () -> loop.run(() -> {
        if (!gone[0]) {
          gone[0] = true;
          p.viewers(-1);
          lease.close();
        }
      });
      return p.ready().map(feed -> {
        if (mjpeg) {
          MjpegViewer viewer = new MjpegViewer(output, p::sent);
          feed.attach(viewer);
          detach[0] = chain(detach[0], () -> loop.run(() -> feed.detach(viewer)));
        } else {
          Fmp4Viewer viewer = new Fmp4Viewer(output, p::sent);
          feed.attach(viewer);
          detach[0] = chain(detach[0], () -> loop.run(() -> feed.detach(viewer)));
        }
        return detach[0];
      }).onFailure(e -> detach[0].run());
    });
  }

  private static Runnable chain(Runnable first, Runnable second) {
    return () -> {
      second.run();
      first.run();
    };
  }

  public StreamLinks links() {
    return links;
  }

  /** Whether a camera exists (for handshakes that must answer 404 before anything else). */
  public boolean exists(String cameraId) {
    return registry.find(cameraId) != null;
  }

  // --- what the rest of the service reads ---

  private PipelineStats stats(String cameraId) {
    Pipeline p = pipelines.get(cameraId);
    return p == null ? PipelineStats.IDLE : p.stats();
  }

  /** What {@link MediaMetrics} reads: published snapshots only, from any thread. */
  private final MediaMetrics.Readings readings = new MediaMetrics.Readings() {
    @Override
    public Collection<Camera> cameras() {
      return registry.all();
    }

    @Override
    public Map<String, PipelineStats> pipelines() {
      Map<String, PipelineStats> out = new java.util.LinkedHashMap<>();
      pipelines.forEach((id, p) -> out.put(id, p.stats()));
      return out;
    }

    @Override
    public PipelineStats stats(String cameraId) {
      return MediaService.this.stats(cameraId);
    }

    @Override
    public int activeRecordings() {
      return recordings.activeCount();
    }

    @Override
    public Recordings.Totals recordingTotals() {
      return recordings.totals();
    }
  };

  @Override
  public Usage usage(String cameraId) {
    PipelineStats s = stats(cameraId);
    return new Usage(s.bytesSent(), s.viewers(),
        s.runningSince() == null ? 0 : Duration.between(s.runningSince(), clock.instant()).toSeconds());
  }

  public MediaMetrics meters() {
    return metrics;
  }

  /** Whether ffmpeg can run here at all (checked once at start-up for health). */
  public Future<Boolean> checkFfmpeg() {
    return pools.process().submit(() -> io.cameraservice.process.Commands.run(
        List.of(settings.ffmpegPath(), "-hide_banner", "-version"), Duration.ofSeconds(10)).succeeded())
        .recover(e -> Future.succeededFuture(false));
  }

  private void deleteSocketDir() {
    try (Stream<Path> entries = Files.list(socketDir)) {
      for (Path p : entries.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(socketDir);
    } catch (IOException e) {
      LOG.debug("cannot remove {}: {}", socketDir, e.toString());
    }
  }
}
