package io.cameraservice.media;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Capture runs a test starts, feeds, crashes and ends by hand (no process), to drive a pipeline through its state
 * transitions deterministically. The real ffmpeg path is covered end to end by {@code PipelineFailureTest}.
 */
final class FakeRuns implements ProcessSupervisor.Runs {

  private final VirtualScheduler time;
  private final List<Launch> launches = new ArrayList<>();

  FakeRuns(VirtualScheduler time) {
    this.time = time;
  }

  /** A start the supervisor asked for: the test decides when (and whether) the process comes up. */
  final class Launch {
    final Promise<CaptureRun> promise = Promise.promise();
    final CaptureRun.Listener listener;
    final Run run = new Run();

    Launch(CaptureRun.Listener listener) {
      this.listener = listener;
    }

    /** The process started. */
    Run up() {
      run.startedNanos = time.nanoTime();
      promise.complete(run);
      return run;
    }

    void fail(String why) {
      promise.fail(why);
    }

    /** A fake process. */
    final class Run implements CaptureRun {
      long startedNanos;
      boolean reading;
      boolean killed;
      boolean terminated;

      /** The init segment and a keyframe: the first picture. */
      void picture() {
        listener.init(this, new InitSegment(Buffer.buffer(new byte[8]), 90_000, 640, 480, "avc1.42c01e", 0));
        fragment();
      }

      void fragment() {
        listener.fragment(this, new Fragment(Buffer.buffer(new byte[100]), true, 0, 3_000, 1, 0, false));
      }

      void exit(int status) {
        listener.exited(this, status);
      }

      @Override
      public void startReading() {
        reading = true;
      }

      @Override
      public long pid() {
        return 4242;
      }

      @Override
      public long startedNanos() {
        return startedNanos;
      }

      @Override
      public long droppedFragments() {
        return 0;
      }

      @Override
      public String stderrTail() {
        return "boom";
      }

      @Override
      public void terminate(long graceMillis) {
        terminated = true;
      }

      @Override
      public void kill() {
        killed = true;
      }
    }
  }

  @Override
  public Future<CaptureRun> start(int number, CaptureRun.Listener listener) {
    Launch launch = new Launch(listener);
    launches.add(launch);
    return launch.promise.future();
  }

  @Override
  public void terminate(CaptureRun run) {
    run.terminate(0);
  }

  List<Launch> launches() {
    return launches;
  }

  Launch last() {
    return launches.get(launches.size() - 1);
  }
}
