package io.cameraservice.auth;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Brute-force protection: after {@code max} failed authentications from one address within {@code window}, further
 * attempts from it are refused until the oldest of those failures is older than the window. Every credential path
 * (the {@code authenticate} method, HTTP headers) goes through {@link #judge}, which reserves a slot before the
 * credential is judged: failures plus attempts still being judged never exceed {@code max}, so a batch, pipelined
 * sockets or API-key checks running on a pool cannot get more than {@code max} guesses judged per window. The
 * failure log per address holds at most {@code max} entries and at most {@code maxAddresses} addresses are tracked
 * (least recently failing forgotten first), so memory stays bounded whatever an attacker does.
 */
public final class AuthFailureLimiter {

  private final int max;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Attempts> attempts;

  public AuthFailureLimiter(int max, long windowMillis, Clock clock, int maxAddresses) {
    this.max = max;
    this.windowMillis = windowMillis;
    this.clock = clock;
    this.attempts = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
        // An address with attempts in flight is kept: forgetting it would hand back its reserved slots.
        return size() > maxAddresses && eldest.getValue().inFlight == 0;
      }
    };
  }

  /**
   * Judges a credential from {@code address}: refused as busy with {@code auth_locked_out} (-32040, nothing judged)
   * when the address has no slot left, otherwise {@code judge} runs and an unauthenticated failure counts.
   */
  public <T> Future<T> judge(String address, Supplier<Future<T>> judge) {
    Failure lockout = reserve(address);
    if (lockout != null) {
      return Future.failedFuture(lockout);
    }
    Future<T> verdict;
    try {
      verdict = judge.get();
    } catch (RuntimeException e) {
      verdict = Future.failedFuture(e);
    }
    return verdict.andThen(done -> settle(address,
        done.failed() && Failure.is(done.cause(), FailureKind.UNAUTHENTICATED)));
  }

  private synchronized Failure reserve(String address) {
    long now = clock.millis();
    Attempts log = attempts.computeIfAbsent(address, a -> new Attempts());
    log.prune(now, windowMillis);
    if (log.failures.size() + log.inFlight < max) {
      log.inFlight++;
      return null;
    }
    // With only attempts in flight the wait is unknown until they are judged; a second is a fair hint.
    long retryMs = log.failures.isEmpty() ? 1000 : Math.max(1, log.failures.peekFirst() + windowMillis - now);
    return Failure.busy("auth_locked_out", retryMs, max, "auth_failures")
        .with("window_seconds", windowMillis / 1000);
  }

  private synchronized void settle(String address, boolean failed) {
    Attempts log = attempts.computeIfAbsent(address, a -> new Attempts());
    log.inFlight = Math.max(0, log.inFlight - 1);
    long now = clock.millis();
    log.prune(now, windowMillis);
    if (failed) {
      log.failures.addLast(now);
      while (log.failures.size() > max) {
        log.failures.removeFirst();
      }
    }
    if (log.failures.isEmpty() && log.inFlight == 0) {
      attempts.remove(address);
    }
  }

  private static final class Attempts {
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private int inFlight;

    void prune(long now, long windowMillis) {
      while (!failures.isEmpty() && failures.peekFirst() + windowMillis <= now) {
        failures.removeFirst();
      }
    }
  }
}
