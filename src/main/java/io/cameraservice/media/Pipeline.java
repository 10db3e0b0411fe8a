package io.cameraservice.media;

import io.cameraservice.camera.CameraLoop;
import io.cameraservice.camera.CaptureSource;
import io.cameraservice.camera.NetworkCapture;
import io.cameraservice.camera.StreamUrls;
import io.cameraservice.config.MediaSettings;
import io.cameraservice.governance.WorkPool;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one capture pipeline per camera: the {@link Demand} for it (leases taken by a recording, a viewer or a
 * snapshot, or {@code start_streaming}; stopped {@code auto_close_after_seconds} after the last lease is gone) and
 * the {@link ProcessSupervisor} that keeps its ffmpeg child running while it is wanted. Lives on the camera loop.
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
  private final Scheduler scheduler;
  private final Demand demand;
  private final ProcessSupervisor supervisor;
  private CaptureSource source;
  private volatile PipelineStats stats = PipelineStats.IDLE;

  Pipeline(String cameraId, CaptureSource source, MediaSettings settings, CameraLoop loop, WorkPool processPool,
      Path socketDir, Listener listener, Clock clock) {
    this(cameraId, source, settings, Scheduler.on(loop), p -> p.new FfmpegRuns(loop, processPool, socketDir),
        listener, clock);
  }

  /** With the runs and the time given (unit tests drive both by hand). */
  Pipeline(String cameraId, CaptureSource source, MediaSettings settings, Scheduler scheduler,
      Function<Pipeline, ProcessSupervisor.Runs> runs, Listener listener, Clock clock) {
    this.cameraId = cameraId;
    this.source = source;
    this.settings = settings;
    this.scheduler = scheduler;
    this.demand = new Demand(scheduler, clock, settings.autoCloseAfterSeconds() * 1000L);
    this.supervisor = new ProcessSupervisor(cameraId, settings, scheduler, runs.apply(this), demand::wanted, this::redact,
        clock, new ProcessSupervisor.Listener() {
          @Override
          public void running() {
            listener.running(cameraId);
          }

          @Override
          public void crashed(String reason, long restartInMs) {
            listener.crashed(cameraId, reason, restartInMs);
          }

          @Override
          public void changed() {
            refresh();
          }
        });
    demand.supervise(new Demand.Supervision() {
      @Override
      public PipelineState state() {
        return supervisor.state();
      }

      @Override
      public void run() {
        supervisor.ensureRunning();
      }

      @Override
      public void unwanted() {
        supervisor.unwanted();
      }

      @Override
      public void idle() {
        LOG.info("{} pipeline idle for {} s, stopping", cameraId, settings.autoCloseAfterSeconds());
        stop(false, "idle");
      }
    });
  }

  /** A claim on the pipeline: while one is held, it runs (or is being restarted). */
  final class Lease implements AutoCloseable {
    private boolean released;

    @Override
    public void close() {
      if (!released) {
        released = true;
        demand.release();
      }
    }
  }

  /** The mode the next run reads the source in (a reconnected camera may come back in another mode). */
  void source(CaptureSource next) {
    this.source = next;
  }

  Lease acquire() {
    demand.acquire();
    return new Lease();
  }

  void streaming(boolean on) {
    demand.streaming(on);
    refresh();
  }

  boolean streaming() {
    return demand.streaming();
  }

  java.time.Instant streamingSince() {
    return demand.streamingSince();
  }

  boolean hasLeases() {
    return demand.hasLeases();
  }

  PipelineState state() {
    return supervisor.state();
  }

  /** See {@link ProcessSupervisor#ready}. */
  Future<LiveFeed> ready() {
    return supervisor.ready();
  }

  /** A JPEG at most {@code maxAgeMs} old from the running pipeline. */
  Future<Buffer> jpeg(long maxAgeMs) {
    return supervisor.jpeg(maxAgeMs);
  }

  /** Counts what a viewer sent, for stream metrics. */
  void sent(long bytes, long frames) {
    demand.sent(bytes, frames);
  }

  void viewers(int delta) {
    demand.viewers(delta);
    refresh();
  }

  int viewers() {
    return demand.viewers();
  }

  PipelineStats stats() {
    return stats;
  }

  /**
   * Stops now. {@code failed}: consumers end with an error (the camera is gone) rather than normally. The future
   * completes once the process is gone.
   */
  Future<Void> stop(boolean failed, String reason) {
    demand.stopped();
    return supervisor.stop(failed, reason);
  }

  /** Kills the process without waiting (shutdown fallback). */
  void kill() {
    supervisor.kill();
  }

  /** Recomputes the snapshot other threads read. Call on the loop after any change, and once a second. */
  void refresh() {
    long now = scheduler.nanoTime();
    LiveFeed f = supervisor.feed();
    stats = new PipelineStats(supervisor.state(), supervisor.pid(), supervisor.restarts(), supervisor.runningSince(),
        f == null ? 0 : round(f.fps(now)), f == null ? 0 : f.bitrate(now), f == null ? 0 : f.bytesIn(),
        f == null ? 0 : f.framesIn(), supervisor.droppedFragments(), demand.viewers(), demand.bytesSent(),
        demand.framesSent(), supervisor.nextRestartMs(), supervisor.lastError(), demand.streaming(),
        source.deliversH264() ? "copy" : "encode");
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

  /** Real ffmpeg runs, started and ended on the process pool. */
  private final class FfmpegRuns implements ProcessSupervisor.Runs {
    private final CameraLoop loop;
    private final WorkPool processPool;
    private final Path socketDir;

    FfmpegRuns(CameraLoop loop, WorkPool processPool, Path socketDir) {
      this.loop = loop;
      this.processPool = processPool;
      this.socketDir = socketDir;
    }

    @Override
    public Future<CaptureRun> start(int number, CaptureRun.Listener listener) {
      Path socket = socketDir.resolve(cameraId + "-" + number + ".sock");
      // The command is built off the loop: a source URL with a secret is written into a private input script.
      return processPool.<CaptureRun>submit(() -> FfmpegRun.start(cameraId, Pipeline.this::redact,
          FfmpegCommand.build(settings, source, socket), socket, loop, listener, settings.buffers().pendingFragments()));
    }

    @Override
    public void terminate(CaptureRun run) {
      processPool.submit(() -> {
        run.terminate(TERMINATE_GRACE_MS);
        return null;
      }).onFailure(e -> run.kill());
    }
  }
}
