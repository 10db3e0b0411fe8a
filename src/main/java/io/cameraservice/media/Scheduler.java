package io.cameraservice.media;

import io.cameraservice.camera.CameraLoop;

/**
 * Timers and the monotonic time a pipeline runs on. Behind an interface so that backoff, the watchdog and the idle
 * stop are driven by virtual time in unit tests instead of by waiting.
 */
interface Scheduler {

  /** Runs {@code task} once after {@code delayMs}; answers an id for {@link #cancel}. */
  long timer(long delayMs, Runnable task);

  long periodic(long intervalMs, Runnable task);

  void cancel(long timerId);

  /** Monotonic time, in the same unit and origin as {@link CaptureRun#startedNanos}. */
  long nanoTime();

  /** Real time on the camera loop (tasks run on the loop). */
  static Scheduler on(CameraLoop loop) {
    return new Scheduler() {
      @Override
      public long timer(long delayMs, Runnable task) {
        return loop.timer(delayMs, task);
      }

      @Override
      public long periodic(long intervalMs, Runnable task) {
        return loop.periodic(intervalMs, task);
      }

      @Override
      public void cancel(long timerId) {
        loop.cancel(timerId);
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }
    };
  }
}
