package io.cameraservice.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for a condition with a timeout, re-checking it, instead of sleeping a guessed time. */
public final class Poll {

  private Poll() {}

  /** Re-evaluates {@code value} until {@code done} accepts it; fails after {@code timeout} with the last value. */
  public static <T> T until(Supplier<T> value, java.util.function.Predicate<T> done, Duration timeout) {
    return until("condition", value, done, timeout);
  }

  /** The same, naming what was awaited in the failure. */
  public static <T> T until(String what, Supplier<T> value, java.util.function.Predicate<T> done,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not met within " + timeout + "; last value: " + last);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = value.get();
    }
    return last;
  }
}
