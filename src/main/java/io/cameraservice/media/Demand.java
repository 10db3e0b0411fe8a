package io.cameraservice.media;

import java.time.Clock;
import java.time.Instant;

/**
 * Who needs a camera's pipeline: leases (recordings, viewers, snapshots), the {@code start_streaming} flag and the
 * viewer count. Tells its {@link Supervision} to run, and to stop {@code auto_close_after_seconds} after the last
 * lease went (a new lease before then keeps it). Also counts what viewers were sent. Lives on the camera loop.
 */
final class Demand {

  /** What demand needs from the process side. */
  interface Supervision {
    PipelineState state();

    /** Run (or keep running); a crashed run comes back after its backoff. */
    void run();

    /** Nothing needs it: a pending restart is dropped. */
    void unwanted();

    /** The idle deadline passed with no lease: stop. */
    void idle();
  }

  private final Scheduler scheduler;
  private final Clock clock;
  private final long idleMs;
  private Supervision supervision;
  private int leases;
  private boolean streaming;
  private Instant streamingSince;
  private int viewers;
  private long bytesSent;
  private long framesSent;
  private long idleTimer = -1;

  Demand(Scheduler scheduler, Clock clock, long idleMs) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.idleMs = idleMs;
  }

  /** Set once, before first use (the supervision and the demand each need the other). */
  void supervise(Supervision target) {
    this.supervision = target;
  }

  void acquire() {
    leases++;
    cancelIdle();
    supervision.run();
  }

  void release() {
    leases--;
    if (leases == 0) {
      armIdle();
    }
  }

  /** {@code on}: runs now and for at least the idle period, and is restarted after a crash until then. */
  void streaming(boolean on) {
    if (on && !streaming) {
      streamingSince = clock.instant();
    }
    streaming = on;
    if (on) {
      supervision.run();
      if (leases == 0) {
        armIdle();
      }
    }
  }

  /** The pipeline was stopped from outside: streaming ends and no idle stop is due. */
  void stopped() {
    cancelIdle();
    streaming = false;
  }

  /** Whether a (re)start is wanted now. */
  boolean wanted() {
    return leases > 0 || streaming;
  }

  boolean hasLeases() {
    return leases > 0;
  }

  boolean streaming() {
    return streaming;
  }

  Instant streamingSince() {
    return streamingSince;
  }

  void viewers(int delta) {
    viewers += delta;
  }

  int viewers() {
    return viewers;
  }

  void sent(long bytes, long frames) {
    bytesSent += bytes;
    framesSent += frames;
  }

  long bytesSent() {
    return bytesSent;
  }

  long framesSent() {
    return framesSent;
  }

  private void armIdle() {
    PipelineState state = supervision.state();
    if (state == PipelineState.STARTING || state == PipelineState.RUNNING) {
      cancelIdle();
      idleTimer = scheduler.timer(idleMs, () -> {
        idleTimer = -1;
        if (leases == 0) {
          supervision.idle();
        }
      });
    } else if (state == PipelineState.BACKOFF && !streaming) {
      supervision.unwanted();
    }
  }

  private void cancelIdle() {
    if (idleTimer >= 0) {
      scheduler.cancel(idleTimer);
      idleTimer = -1;
    }
  }
}
