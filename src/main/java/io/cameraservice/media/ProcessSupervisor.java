package io.cameraservice.media;

import io.cameraservice.config.MediaSettings;
import io.cameraservice.domain.Failure;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one capture process running while it is wanted: starts it, restarts it with exponential backoff after a
 * crash (the backoff resets after a stable run), kills it when it stalls (the watchdog), and stops it on request,
 * also while it is still starting. Owns the {@link LiveFeed} each run fills. Whether it is wanted is not its
 * business: it asks {@code wanted} (the {@link Demand}). Lives on the camera loop.
 */
final class ProcessSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);

  /** Where runs come from: the real ffmpeg, or a fake in unit tests. */
  interface Runs {
    /** Starts run {@code number} (1, 2, ...), which reports to {@code listener} once it is told to start reading. */
    Future<CaptureRun> start(int number, CaptureRun.Listener listener);

    /** Ends a run without blocking the loop; its {@code exited} report follows. */
    void terminate(CaptureRun run);
  }

  /** What the supervisor reports (on the loop). */
  interface Listener {
    void running();

    /** {@code restartInMs} is -1 when nothing wants a restart. */
    void crashed(String reason, long restartInMs);

    /** Something its statistics show changed. */
    void changed();
  }

  private final String cameraId;
  private final MediaSettings settings;
  private final Scheduler scheduler;
  private final Runs runs;
  private final BooleanSupplier wanted;
  private final UnaryOperator<String> redact;
  private final Clock clock;
  private final Listener listener;
  private final Backoff backoff;
  /** Callers that asked for the feed while none existed (starting, stopping or backing off). */
  private final List<Promise<LiveFeed>> feedWaiters = new ArrayList<>();
  private PipelineState state = PipelineState.IDLE;
  private CaptureRun run;
  private CaptureRun stoppingRun;
  private LiveFeed feed;
  private int started;
  private int restarts;
  private long restartTimer = -1;
  private long watchdog = -1;
  private long notBeforeNanos;
  private long nextRestartMs = -1;
  private long lastFragmentNanos;
  private Instant runningSince;
  private String lastError;
  private Promise<Void> stopped;

  ProcessSupervisor(String cameraId, MediaSettings settings, Scheduler scheduler, Runs runs, BooleanSupplier wanted,
      UnaryOperator<String> redact, Clock clock, Listener listener) {
    this.cameraId = cameraId;
    this.settings = settings;
    this.scheduler = scheduler;
    this.runs = runs;
    this.wanted = wanted;
    this.redact = redact;
    this.clock = clock;
    this.listener = listener;
    MediaSettings.RestartSettings r = settings.restart();
    this.backoff = new Backoff(r.initialDelayMs(), r.maxDelayMs(), r.multiplier());
    this.notBeforeNanos = scheduler.nanoTime();
  }

  PipelineState state() {
    return state;
  }

  /** Starts a run unless one runs or is coming; after a crash, not before its backoff delay has passed. */
  void ensureRunning() {
    if (state == PipelineState.IDLE) {
      long wait = (notBeforeNanos - scheduler.nanoTime()) / 1_000_000;
      if (wait > 0) {
        scheduleRestart(wait);
      } else {
        start();
      }
    }
  }

  /** Nothing wants the pipeline any more: a pending restart is dropped. */
  void unwanted() {
    if (state == PipelineState.BACKOFF) {
      cancelRestart();
      state = PipelineState.IDLE;
      failWaiters("not needed any more");
      listener.changed();
    }
  }

  /**
   * Completes with the feed once the current run delivered its first keyframe; fails with -32050 when ffmpeg fails
   * or nothing comes within {@code start_timeout_seconds}.
   */
  Future<LiveFeed> ready() {
    Promise<LiveFeed> result = Promise.promise();
    long timer = scheduler.timer(settings.startTimeoutSeconds() * 1000L, () -> result.tryFail(failure(
        "pipeline_start_timeout", "no picture within " + settings.startTimeoutSeconds() + " s")));
    currentFeed().compose(f -> f.ready().map(f)).onComplete(done -> {
      scheduler.cancel(timer);
      if (done.succeeded()) {
        result.tryComplete(done.result());
      } else {
        Throwable cause = done.cause();
        result.tryFail(cause instanceof RpcException || cause instanceof Failure ? cause
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
    return ready().compose(f -> f.jpeg(maxAgeMs * 1_000_000L, scheduler.nanoTime()))
        .recover(e -> Future.failedFuture(e instanceof RpcException || e instanceof Failure ? e
            : failure("pipeline_failed", e.getMessage())));
  }

  /**
   * Stops now. {@code failed}: consumers end with an error (the camera is gone) rather than normally. The future
   * completes once the process is gone.
   */
  Future<Void> stop(boolean failed, String reason) {
    cancelRestart();
    LiveFeed ending = feed;
    feed = null;
    if (ending != null) {
      ending.end(failed, reason);
    }
    failWaiters(reason);
    if (run == null) {
      // Nothing runs, or a run is still being started: that one is stopped as soon as it is there.
      if (state != PipelineState.STOPPING) {
        state = PipelineState.IDLE;
      }
      listener.changed();
      return stopped == null ? Future.succeededFuture() : stopped.future();
    }
    state = PipelineState.STOPPING;
    stopped = Promise.promise();
    stoppingRun = run;
    run = null;
    runs.terminate(stoppingRun);
    listener.changed();
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

  private void start() {
    restartTimer = -1;
    nextRestartMs = -1;
    state = PipelineState.STARTING;
    started++;
    LiveFeed starting = new LiveFeed(settings.buffers().gopMaxBytes());
    feed = starting;
    List<Promise<LiveFeed>> waiting = List.copyOf(feedWaiters);
    feedWaiters.clear();
    waiting.forEach(w -> w.tryComplete(starting));
    runs.start(started, runListener).onComplete(launched -> {
      if (launched.failed()) {
        if (feed == starting) {
          crash(null, "cannot start ffmpeg: " + launched.cause().getMessage());
        }
        return;
      }
      CaptureRun r = launched.result();
      if (feed != starting || state != PipelineState.STARTING) {
        // Stopped while starting: its readers still run, to reap it and close its socket, and are ignored.
        r.startReading();
        r.kill();
        return;
      }
      run = r;
      r.startReading();
      lastFragmentNanos = scheduler.nanoTime();
      watchdog = scheduler.periodic(1_000, this::checkStall);
      listener.changed();
    });
    listener.changed();
  }

  private final CaptureRun.Listener runListener = new CaptureRun.Listener() {
    @Override
    public void init(CaptureRun r, InitSegment init) {
      if (r == run && feed != null) {
        feed.init(init);
      }
    }

    @Override
    public void fragment(CaptureRun r, Fragment fragment) {
      if (r != run || feed == null) {
        return;
      }
      long now = scheduler.nanoTime();
      lastFragmentNanos = now;
      boolean wasReady = feed.ready().isComplete();
      feed.fragment(fragment, now);
      if (!wasReady && feed.ready().succeeded() && state == PipelineState.STARTING) {
        state = PipelineState.RUNNING;
        runningSince = clock.instant();
        LOG.info("{} pipeline running ({}x{}, {})", cameraId, feed.init().width(), feed.init().height(),
            feed.init().codec());
        listener.running();
        listener.changed();
      }
    }

    @Override
    public void jpeg(CaptureRun r, Buffer image) {
      if (r == run && feed != null) {
        feed.jpeg(image, scheduler.nanoTime());
      }
    }

    @Override
    public void exited(CaptureRun r, int status) {
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
    if (wanted.getAsBoolean()) {
      start(); // wanted again while it was stopping
    }
    listener.changed();
  }

  private void failWaiters(String reason) {
    List<Promise<LiveFeed>> waiting = List.copyOf(feedWaiters);
    feedWaiters.clear();
    waiting.forEach(w -> w.tryFail(failure("pipeline_not_running", reason)));
  }

  private void crash(CaptureRun r, String reason) {
    String detail = redact.apply(reason);
    cancelWatchdog();
    boolean stable = r != null && runningSince != null
        && scheduler.nanoTime() - r.startedNanos() >= settings.restart().resetAfterSeconds() * 1_000_000_000L;
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
    notBeforeNanos = scheduler.nanoTime() + delay * 1_000_000L;
    boolean again = wanted.getAsBoolean();
    LOG.warn("{} pipeline failed ({}); {}", cameraId, detail, again ? "restarting in " + delay + " ms"
        : "not restarting, nothing needs it");
    state = PipelineState.IDLE;
    if (again) {
      scheduleRestart(delay);
    }
    listener.crashed(detail, again ? delay : -1);
    listener.changed();
  }

  private void scheduleRestart(long delayMs) {
    state = PipelineState.BACKOFF;
    nextRestartMs = delayMs;
    cancelRestart();
    restartTimer = scheduler.timer(delayMs, () -> {
      restartTimer = -1;
      if (state == PipelineState.BACKOFF) {
        state = PipelineState.IDLE;
        if (wanted.getAsBoolean()) {
          start();
        } else {
          failWaiters("not needed any more");
          listener.changed();
        }
      }
    });
  }

  private void checkStall() {
    if (run != null && state != PipelineState.STOPPING
        && scheduler.nanoTime() - lastFragmentNanos > settings.startTimeoutSeconds() * 1_000_000_000L) {
      LOG.warn("{} pipeline delivered nothing for {} s, killing it", cameraId, settings.startTimeoutSeconds());
      cancelWatchdog();
      run.kill();
    }
  }

  private void cancelRestart() {
    if (restartTimer >= 0) {
      scheduler.cancel(restartTimer);
      restartTimer = -1;
      nextRestartMs = -1;
    }
  }

  private void cancelWatchdog() {
    if (watchdog >= 0) {
      scheduler.cancel(watchdog);
      watchdog = -1;
    }
  }

  private RpcException failure(String reason, String detail) {
    return RpcError.dependencyFailed(reason, "ffmpeg", redact.apply(detail)).exception();
  }

  // --- what the statistics show ---

  /** The current run's feed, or null between runs. */
  LiveFeed feed() {
    return feed;
  }

  long pid() {
    return run == null ? -1 : run.pid();
  }

  long droppedFragments() {
    return run == null ? 0 : run.droppedFragments();
  }

  int restarts() {
    return restarts;
  }

  Instant runningSince() {
    return runningSince;
  }

  long nextRestartMs() {
    return nextRestartMs;
  }

  String lastError() {
    return lastError;
  }
}
