package io.cameraservice.media;

/** Exponential delays between restarts: initial, initial*m, initial*m^2, ... capped at max. */
final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private final double multiplier;
  private long nextMs;

  Backoff(long initialMs, long maxMs, double multiplier) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.multiplier = multiplier;
    this.nextMs = initialMs;
  }

  /** The delay to wait now; the one after grows. */
  long next() {
    long delay = nextMs;
    nextMs = Math.min(maxMs, Math.round(nextMs * multiplier));
    return delay;
  }

  void reset() {
    nextMs = initialMs;
  }
}
