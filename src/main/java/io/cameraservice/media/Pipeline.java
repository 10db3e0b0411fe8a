package io.cameraservice.media;

import io.cameraservice.camera.CameraLoop;
import io.cameraservice.camera.CaptureSource;
import io.cameraservice.camera.NetworkCapture;
import io.cameraservice.camera.StreamUrls;
import io.cameraservice.config.MediaSettings;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.rpc.RpcError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one capture pipeline per camera: a supervised ffmpeg child started on demand (a lease taken by a
 * recording, a viewer or a snapshot, or {@code start_streaming}), stopped {@code auto_close_after_seconds} after the
 * last lease is gone, and restarted with exponential backoff after a crash while it is still wanted. Lives on the
 * camera loop.
 */
final class Pipeline {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final long TERMINATE_GRACE_MS = 3_000;

  /** What the rest of the media feature hears about a pipeline (on the loop). */
  interface Listener {
    void running(String cameraId);

    void crashed(String cameraId, String reason, long restartInMs);
  }

  private final String cameraId;
  private final MediaSettings settings;
  private final CameraLoop loop;
  private final WorkPool processPool;
  private final Path socketDir;
  private final Listener listener;
  private final Clock clock;
  private final Backoff backoff;
  private CaptureSource source;
  private PipelineState state = PipelineState.IDLE;
  private FfmpegRun run;
  private FfmpegRun stoppingRun;
  private LiveFeed feed;
  /** Callers that asked for the feed while none existed (starting, stopping or backing off). */
  private final java.util.List<Promise<LiveFeed>> feedWaiters = new java.util.ArrayList<>();
  private int runs;
  private int leases;
  private int restarts;
  private long idleTimer = -1;
  private long restartTimer = -1;
  private long watchdog = -1;
  private long notBeforeNanos;
  private long nextRestartMs = -1;
  private long lastFragmentNanos;
  private Instant runningSince;
  private String lastError;
  private boolean streaming;
  private Instant streamingSince;
  private Promise<Void> stopped;
  private long bytesSent;
  private long framesSent;
  private int viewers;
  private volatile PipelineStats stats = PipelineStats.IDLE;

  Pipeline(String cameraId, CaptureSource source, MediaSettings settings, CameraLoop loop, WorkPool processPool,
      Path socketDir, Listener listener, Clock clock) {
    this.cameraId = cameraId;
    this.source = source;
    this.settings = settings;
    this.loop = loop;
    this.processPool = processPool;
    this.socketDir = socketDir;
    this.listener = listener;
    this.clock = clock;
    MediaSettings.RestartSettings r = settings.restart();
    this.backoff = new Backoff(r.initialDelayMs(), r.maxDelayMs(), r.multiplier());
  }

  /** A claim on the pipeline: while one is held, it runs (or is being restarted). */
  final class Lease implements AutoCloseable {
    private boolean released;

    @Override
    public void close() {
      if (!released) {
        released = true;
        release();
      }
    }
  }

  /** The mode the next run reads the source in (a reconnected camera may come back in another mode). */
  void source(CaptureSource next) {
    this.source = next;
  }

  Lease acquire() {
    leases++;
    cancelIdle();
    ensureRunning();
    return new Lease();
  }

  private void release() {
    leases--;
    if (leases == 0) {
      armIdle();
    }
  }

  /** Starts the pipeline if needed and keeps it for at least {@code auto_close_after_seconds}. */
  private void warm() {
    ensureRunning();
    if (leases == 0) {
      armIdle();
    }
  }

  void streaming(boolean on) {
    if (on && !streaming) {
      streamingSince = clock.instant();
    }
    streaming = on;
    if (on) {
      warm();
    }
    refresh();
  }

  boolean streaming() {
    return streaming;
  }

  Instant streamingSince() {
    return streamingSince;
  }

  boolean hasLeases() {
    return leases > 0;
  }

  PipelineState state() {
    return state;
  }

  /**
   * Completes with the feed once the current run delivered its first keyframe; fails with -32050 when ffmpeg fails
   * or nothing comes within {@code start_timeout_seconds}.
   */
  Future<LiveFeed> ready() {
    Promise<LiveFeed> result = Promise.promise();
    long timer = loop.timer(settings.startTimeoutSeconds() * 1000L, () -> result.tryFail(failure(
        "pipeline_start_timeout", "no picture within " + settings.startTimeoutSeconds() + " s")));
    currentFeed().compose(f -> f.ready().map(f)).onComplete(done -> {
      loop.cancel(timer);
      if (done.succeeded()) {
        result.tryComplete(done.result());
      } else {
        Throwable cause = done.cause();
        result.tryFail(cause instanceof io.cameraservice.rpc.RpcException ? cause
            : failure("pipeline_failed", cause.getMessage()));
      }
    });
    return result.future();
  }

  private Future<LiveFeed> currentFeed() {
    if (feed != null) {
      return Future.succeededFuture(feed);
    }
    if (state == PipelineState.IDLE) {
      return Future.failedFuture(failure("pipeline_not_running", lastError == null ? "not running" : lastError));
    }
    Promise<LiveFeed> waiter = Promise.promise();
    feedWaiters.add(waiter);
    return waiter.future();
  }

  /** A JPEG at most {@code maxAgeMs} old from the running pipeline. */
  Future<Buffer> jpeg(long maxAgeMs) {
    return ready().compose(f -> f.jpeg(maxAgeMs * 1_000_000L, System.nanoTime()))
        .recover(e -> Future.failedFuture(e instanceof io.cameraservice.rpc.RpcException ? e
            : failure("pipeline_failed", e.getMessage())));
  }

  /** Counts what a viewer sent, for stream metrics. */
  void sent(long bytes, long frames) {
    bytesSent += bytes;
    framesSent += frames;
  }

  void viewers(int delta) {
    viewers += delta;
    refresh();
  }

  int viewers() {
    return viewers;
  }

  PipelineStats stats() {
    return stats;
  }

  /**
   * Stops now. {@code failed}: consumers end with an error (the camera is gone) rather than normally. The future
   * completes once the process is gone.
   */
  Future<Void> stop(boolean failed, String reason) {
    cancelIdle();
    cancelRestart();
    streaming = false;
    LiveFeed ending = feed;
    feed = null;
    if (ending != null) {
      ending.end(failed, reason);
    }
    failWaiters(reason);
    if (run == null) {
      if (state != PipelineState.STOPPING) {
        state = PipelineState.IDLE;
      }
      refresh();
      return stopped == null ? Future.succeededFuture() : stopped.future();
    }
    state = PipelineState.STOPPING;
    stopped = Promise.promise();
    stoppingRun = run;
    run = null;
    FfmpegRun stopping = stoppingRun;
    processPool.submit(() -> {
      stopping.terminate(TERMINATE_GRACE_MS);
      return null;
    }).onFailure(e -> stopping.kill());
    refresh();
    return stopped.future();
  }

  /** Kills the process without waiting (shutdown fallback). */
  void kill() {
    if (run != null) {
      run.kill();
    }
    if (stoppingRun != null) {
      stoppingRun.kill();
    }
  }

  private void ensureRunning() {
    if (state == PipelineState.IDLE) {
      long wait = (notBeforeNanos - System.nanoTime()) / 1_000_000;
      if (wait > 0) {
        scheduleRestart(wait);
      } else {
        start();
      }
    }
  }

  private void start() {
    restartTimer = -1;
    nextRestartMs = -1;
    state = PipelineState.STARTING;
    runs++;
    LiveFeed starting = new LiveFeed(settings.buffers().gopMaxBytes());
    feed = starting;
    java.util.List<Promise<LiveFeed>> waiting = java.util.List.copyOf(feedWaiters);
    feedWaiters.clear();
    waiting.forEach(w -> w.tryComplete(starting));
    Path socket = socketDir.resolve(cameraId + "-" + runs + ".sock");
    java.util.List<String> command = FfmpegCommand.build(settings, source, socket);
    processPool.submit(() -> FfmpegRun.start(cameraId, this::redact, command, socket, loop, runListener,
        settings.buffers().pendingFragments()))
        .onComplete(started -> {
          if (started.failed()) {
            if (feed == starting) {
              crash(null, "cannot start ffmpeg: " + started.cause().getMessage());
            }
            return;
          }
          FfmpegRun r = started.result();
          if (feed != starting || state != PipelineState.STARTING) {
            // Stopped while starting: its readers still run, to reap it and close its socket, and are ignored.
            r.startReading();
            r.kill();
            return;
          }
          run = r;
          r.startReading();
          lastFragmentNanos = System.nanoTime();
          watchdog = loop.periodic(1_000, this::checkStall);
          refresh();
        });
    refresh();
  }

  private final FfmpegRun.Listener runListener = new FfmpegRun.Listener() {
    @Override
    public void init(FfmpegRun r, InitSegment init) {
      if (r == run && feed != null) {
        feed.init(init);
      }
    }

    @Override
    public void fragment(FfmpegRun r, Fragment fragment) {
      if (r != run || feed == null) {
        return;
      }
      long now = System.nanoTime();
      lastFragmentNanos = now;
      boolean wasReady = feed.ready().isComplete();
      feed.fragment(fragment, now);
      if (!wasReady && feed.ready().succeeded() && state == PipelineState.STARTING) {
        state = PipelineState.RUNNING;
        runningSince = clock.instant();
        LOG.info("{} pipeline running ({}x{}, {})", cameraId, feed.init().width(), feed.init().height(),
            feed.init().codec());
        listener.running(cameraId);
        refresh();
      }
    }

    @Override
    public void jpeg(FfmpegRun r, Buffer image) {
      if (r == run && feed != null) {
        feed.jpeg(image, System.nanoTime());
      }
    }

    @Override
    public void exited(FfmpegRun r, int status) {
      if (r == stoppingRun) {
        finishStop();
      } else if (r == run) {
        String tail = r.stderrTail();
        crash(r, "ffmpeg exited with status " + status + (tail.isEmpty() ? "" : ": " + tail));
      }
    }
  };

  private void finishStop() {
    cancelWatchdog();
    stoppingRun = null;
    state = PipelineState.IDLE;
    runningSince = null;
    LOG.info("{} pipeline stopped", cameraId);
    Promise<Void> done = stopped;
    stopped = null;
    if (done != null) {
      done.tryComplete();
    }
    if (leases > 0 || streaming) {
      start(); // wanted again while it was stopping
    }
    refresh();
  }

  private void failWaiters(String reason) {
    java.util.List<Promise<LiveFeed>> waiting = java.util.List.copyOf(feedWaiters);
    feedWaiters.clear();
    waiting.forEach(w -> w.tryFail(failure("pipeline_not_running", reason)));
  }

  private void crash(FfmpegRun r, String reason) {
    String detail = redact(reason);
    cancelWatchdog();
    boolean stable = r != null && runningSince != null
        && System.nanoTime() - r.startedNanos() >= settings.restart().resetAfterSeconds() * 1_000_000_000L;
    if (stable) {
      backoff.reset();
    }
    run = null;
    runningSince = null;
    lastError = detail;
    restarts++;
    state = PipelineState.BACKOFF; // consumers released while ending must not arm the idle timer
    LiveFeed ended = feed;
    feed = null;
    if (ended != null) {
      ended.end(true, detail);
    }
    long delay = backoff.next();
    notBeforeNanos = System.nanoTime() + delay * 1_000_000L;
    boolean wanted = leases > 0 || streaming;
    LOG.warn("{} pipeline failed ({}); {}", cameraId, detail, wanted ? "restarting in " + delay + " ms"
        : "not restarting, nothing needs it");
    state = PipelineState.IDLE;
    if (wanted) {
      scheduleRestart(delay);
    }
    listener.crashed(cameraId, detail, wanted ? delay : -1);
    refresh();
  }

  private void scheduleRestart(long delayMs) {
    state = PipelineState.BACKOFF;
    nextRestartMs = delayMs;
    cancelRestart();
    restartTimer = loop.timer(delayMs, () -> {
      restartTimer = -1;
      if (state == PipelineState.BACKOFF) {
        state = PipelineState.IDLE;
        if (leases > 0 || streaming) {
          start();
        } else {
          failWaiters("not needed any more");
          refresh();
        }
      }
    });
  }

  private void checkStall() {
    if (run != null && state != PipelineState.STOPPING
        && System.nanoTime() - lastFragmentNanos > settings.startTimeoutSeconds() * 1_000_000_000L) {
      LOG.warn("{} pipeline delivered nothing for {} s, killing it", cameraId, settings.startTimeoutSeconds());
      cancelWatchdog();
      run.kill();
    }
  }

  private void armIdle() {
    if (state == PipelineState.STARTING || state == PipelineState.RUNNING) {
      cancelIdle();
      idleTimer = loop.timer(settings.autoCloseAfterSeconds() * 1000L, () -> {
        idleTimer = -1;
        if (leases == 0) {
          LOG.info("{} pipeline idle for {} s, stopping", cameraId, settings.autoCloseAfterSeconds());
          stop(false, "idle");
        }
      });
    } else if (state == PipelineState.BACKOFF && !streaming) {
      cancelRestart();
      state = PipelineState.IDLE;
      failWaiters("not needed any more");
      refresh();
    }
  }

  private void cancelIdle() {
    if (idleTimer >= 0) {
      loop.cancel(idleTimer);
      idleTimer = -1;
    }
  }

  private void cancelRestart() {
    if (restartTimer >= 0) {
      loop.cancel(restartTimer);
      restartTimer = -1;
      nextRestartMs = -1;
    }
  }

  private void cancelWatchdog() {
    if (watchdog >= 0) {
      loop.cancel(watchdog);
      watchdog = -1;
    }
  }

  /** Recomputes the snapshot other threads read. Call on the loop after any change, and once a second. */
  void refresh() {
    long now = System.nanoTime();
    LiveFeed f = feed;
    stats = new PipelineStats(state, run == null ? -1 : run.pid(), restarts, runningSince,
        f == null ? 0 : round(f.fps(now)), f == null ? 0 : f.bitrate(now), f == null ? 0 : f.bytesIn(),
        f == null ? 0 : f.framesIn(), run == null ? 0 : run.droppedFragments(), viewers, bytesSent, framesSent,
        nextRestartMs, lastError, streaming, source.deliversH264() ? "copy" : "encode");
  }

  private RpcError failureError(String reason, String detail) {
    return RpcError.dependencyFailed(reason, "ffmpeg", redact(detail));
  }

  private io.cameraservice.rpc.RpcException failure(String reason, String detail) {
    return failureError(reason, detail).exception();
  }

  private String redact(String text) {
    if (text != null && source instanceof NetworkCapture n) {
      return text.replace(n.url(), StreamUrls.redact(n.url()));
    }
    return text;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
