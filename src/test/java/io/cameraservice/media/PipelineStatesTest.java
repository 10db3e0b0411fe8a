package io.cameraservice.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.camera.TestPatternCapture;
import io.cameraservice.config.MediaSettings;
import io.cameraservice.testing.MutableClock;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every state transition of a pipeline (supervision and demand), driven by fake runs on virtual time: no process,
 * no waiting. Restart delays 1 s doubling to at most 4 s, reset after a 30 s run; watchdog and start timeout 5 s;
 * idle stop 10 s after the last lease.
 */
class PipelineStatesTest {

  private final VirtualScheduler time = new VirtualScheduler();
  private final FakeRuns runs = new FakeRuns(time);
  private final List<Long> restartDelays = new ArrayList<>();
  private final List<String> running = new ArrayList<>();
  private final Pipeline pipeline = new Pipeline("cam", new TestPatternCapture("testsrc", "640x480", 25, false),
      settings(), time, p -> runs, new Pipeline.Listener() {
        @Override
        public void running(String cameraId) {
          running.add(cameraId);
        }

        @Override
        public void crashed(String cameraId, String reason, long restartInMs) {
          restartDelays.add(restartInMs);
        }
      }, MutableClock.startingNow());

  private static MediaSettings settings() {
    return new MediaSettings("ffmpeg", "ffprobe", new MediaSettings.EncoderSettings("veryfast", "zerolatency", 1, 2000),
        new MediaSettings.JpegSettings(2, 80), 10, 5, 5, new MediaSettings.RestartSettings(1_000, 4_000, 2, 30),
        new MediaSettings.BufferSettings(1 << 20, 1 << 20, 1 << 20, 64), new MediaSettings.LiveSettings(60, 4));
  }

  /** A lease, the process up and its first picture. */
  private FakeRuns.Launch.Run runningPipeline() {
    pipeline.acquire();
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    assertThat(pipeline.state()).isEqualTo(PipelineState.RUNNING);
    return run;
  }

  /** Crashes the current run and answers the restart delay the pipeline announced. */
  private long crash(FakeRuns.Launch.Run run) {
    run.exit(1);
    assertThat(pipeline.state()).isEqualTo(PipelineState.BACKOFF);
    return restartDelays.get(restartDelays.size() - 1);
  }

  /** Lets time pass while the run delivers a fragment a second, so the watchdog stays quiet. */
  private void deliverFor(FakeRuns.Launch.Run run, int seconds) {
    for (int i = 0; i < seconds; i++) {
      time.advance(1_000);
      run.fragment();
    }
  }

  @Test
  void aLeaseStartsTheProcessAndTheFirstPictureMakesItRunning() {
    Pipeline.Lease lease = pipeline.acquire();
    assertThat(lease).isNotNull();
    assertThat(pipeline.state()).isEqualTo(PipelineState.STARTING);
    assertThat(runs.launches()).hasSize(1);
    Future<LiveFeed> ready = pipeline.ready();

    FakeRuns.Launch.Run run = runs.last().up();
    assertThat(run.reading).isTrue();
    assertThat(pipeline.state()).isEqualTo(PipelineState.STARTING);
    assertThat(ready.isComplete()).isFalse();

    run.picture();
    assertThat(pipeline.state()).isEqualTo(PipelineState.RUNNING);
    assertThat(ready.succeeded()).isTrue();
    assertThat(running).containsExactly("cam");
    assertThat(pipeline.stats().state()).isEqualTo(PipelineState.RUNNING);
    assertThat(pipeline.stats().pid()).isEqualTo(4242);
  }

  @Test
  void aProcessThatCannotStartIsRetriedAfterTheBackoff() {
    pipeline.acquire();
    runs.last().fail("no such file");
    assertThat(pipeline.state()).isEqualTo(PipelineState.BACKOFF);
    assertThat(pipeline.stats().lastError()).contains("cannot start ffmpeg: no such file");
    time.advance(1_000);
    assertThat(runs.launches()).hasSize(2);
    assertThat(pipeline.state()).isEqualTo(PipelineState.STARTING);
  }

  @Test
  void aCrashRestartsAfterABackoffThatGrowsAndIsCapped() {
    FakeRuns.Launch.Run run = runningPipeline();
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long delay = crash(run);
      delays.add(delay);
      assertThat(pipeline.stats().nextRestartMs()).isEqualTo(delay);
      time.advance(delay - 1);
      assertThat(runs.launches()).hasSize(i + 1);
      time.advance(1);
      assertThat(runs.launches()).hasSize(i + 2);
      assertThat(pipeline.state()).isEqualTo(PipelineState.STARTING);
      run = runs.last().up();
      run.picture();
    }
    assertThat(delays).containsExactly(1_000L, 2_000L, 4_000L, 4_000L);
    assertThat(pipeline.stats().restarts()).isEqualTo(4);
  }

  @Test
  void theBackoffResetsAfterAStableRun() {
    FakeRuns.Launch.Run run = runningPipeline();
    crash(run);
    time.advance(1_000);
    run = runs.last().up();
    run.picture();
    assertThat(crash(run)).isEqualTo(2_000);
    time.advance(2_000);
    run = runs.last().up();
    run.picture();
    deliverFor(run, 30);
    assertThat(crash(run)).isEqualTo(1_000);
  }

  @Test
  void aRunThatComesUpAfterAStopIsKilledAndIgnored() {
    pipeline.acquire();
    Future<LiveFeed> ready = pipeline.ready();
    Future<Void> stopped = pipeline.stop(false, "stop_streaming");
    assertThat(pipeline.state()).isEqualTo(PipelineState.IDLE);
    assertThat(stopped.succeeded()).isTrue();
    assertThat(ready.failed()).isTrue();

    FakeRuns.Launch.Run late = runs.last().up();
    assertThat(late.reading).as("read, so that it is reaped").isTrue();
    assertThat(late.killed).isTrue();
    late.picture();
    late.exit(137);
    assertThat(pipeline.state()).isEqualTo(PipelineState.IDLE);
    assertThat(restartDelays).isEmpty();
    time.advance(60_000);
    assertThat(runs.launches()).hasSize(1);
    assertThat(pipeline.stats().pid()).isEqualTo(-1);
  }

  @Test
  void stoppingARunningProcessEndsOnceItIsGone() {
    Pipeline.Lease lease = pipeline.acquire();
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    lease.close();
    Future<Void> stopped = pipeline.stop(false, "service stopping");
    assertThat(pipeline.state()).isEqualTo(PipelineState.STOPPING);
    assertThat(run.terminated).isTrue();
    assertThat(stopped.isComplete()).isFalse();
    run.exit(0);
    assertThat(stopped.succeeded()).isTrue();
    assertThat(pipeline.state()).isEqualTo(PipelineState.IDLE);
    assertThat(restartDelays).as("a stop is not a crash").isEmpty();
  }

  @Test
  void theWatchdogKillsARunThatDeliversNothingAndItIsRestarted() {
    FakeRuns.Launch.Run run = runningPipeline();
    time.advance(5_000);
    assertThat(run.killed).isFalse();
    time.advance(1_000);
    assertThat(run.killed).isTrue();
    assertThat(crash(run)).isEqualTo(1_000);
    time.advance(1_000);
    assertThat(runs.launches()).hasSize(2);
  }

  @Test
  void theLastLeaseGoingStopsThePipelineAfterTheIdlePeriod() {
    Pipeline.Lease lease = pipeline.acquire();
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    lease.close();
    deliverFor(run, 9);
    time.advance(999);
    assertThat(run.terminated).isFalse();
    time.advance(1);
    assertThat(run.terminated).isTrue();
    assertThat(pipeline.state()).isEqualTo(PipelineState.STOPPING);
    run.exit(0);
    assertThat(pipeline.state()).isEqualTo(PipelineState.IDLE);
  }

  @Test
  void aNewLeaseBeforeTheIdleDeadlineKeepsThePipeline() {
    Pipeline.Lease first = pipeline.acquire();
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    first.close();
    deliverFor(run, 5);
    pipeline.acquire();
    deliverFor(run, 30);
    assertThat(run.terminated).isFalse();
    assertThat(pipeline.state()).isEqualTo(PipelineState.RUNNING);
    assertThat(runs.launches()).hasSize(1);
  }

  @Test
  void theLastLeaseGoingDuringTheBackoffDropsTheRestart() {
    Pipeline.Lease lease = pipeline.acquire();
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    crash(run);
    lease.close();
    assertThat(pipeline.state()).isEqualTo(PipelineState.IDLE);
    time.advance(60_000);
    assertThat(runs.launches()).hasSize(1);
  }

  @Test
  void aCrashWithNothingWantingItDoesNotRestart() {
    pipeline.streaming(true);
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    pipeline.streaming(false);
    run.exit(1);
    assertThat(restartDelays).containsExactly(-1L);
    assertThat(pipeline.state()).isEqualTo(PipelineState.IDLE);
    time.advance(60_000);
    assertThat(runs.launches()).hasSize(1);
  }

  @Test
  void streamingKeepsThePipelineForTheIdlePeriodThenStops() {
    pipeline.streaming(true);
    FakeRuns.Launch.Run run = runs.last().up();
    run.picture();
    deliverFor(run, 9);
    assertThat(run.terminated).isFalse();
    deliverFor(run, 1);
    assertThat(run.terminated).isTrue();
    assertThat(pipeline.streaming()).isFalse();
  }

  @Test
  void wantedAgainWhileStoppingStartsANewRunOnceTheOldOneIsGone() {
    FakeRuns.Launch.Run run = runningPipeline();
    pipeline.stop(false, "camera changed");
    pipeline.acquire();
    assertThat(runs.launches()).hasSize(1);
    run.exit(0);
    assertThat(runs.launches()).hasSize(2);
    assertThat(pipeline.state()).isEqualTo(PipelineState.STARTING);
  }
}
