package io.cameraservice.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brute-force protection: after {@code max} failed authentications from one address within {@code window}, further
 * attempts from it are refused until the oldest of those failures is older than the window. The failure log per
 * address holds at most {@code max} entries and at most {@code maxAddresses} addresses are tracked (least recently
 * failing forgotten first), so memory stays bounded whatever an attacker does.
 */
public final class AuthFailureLimiter {

  private final int max;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures;

  public AuthFailureLimiter(int max, long windowMillis, Clock clock, int maxAddresses) {
    this.max = max;
    this.windowMillis = windowMillis;
    this.clock = clock;
    this.failures = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
        return size() > maxAddresses;
      }
    };
  }

  public int max() {
    return max;
  }

  public long windowMillis() {
    return windowMillis;
  }

  /** Milliseconds until this address may try again; 0 when it may try now. */
  public synchronized long lockedForMillis(String address) {
    Deque<Long> log = failures.get(address);
    if (log == null) {
      return 0;
    }
    long now = clock.millis();
    prune(log, now);
    if (log.isEmpty()) {
      failures.remove(address);
      return 0;
    }
    return log.size() >= max ? log.peekFirst() + windowMillis - now : 0;
  }

  public synchronized void recordFailure(String address) {
    long now = clock.millis();
    Deque<Long> log = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    prune(log, now);
    log.addLast(now);
    while (log.size() > max) {
      log.removeFirst();
    }
  }

  private void prune(Deque<Long> log, long now) {
    while (!log.isEmpty() && log.peekFirst() + windowMillis <= now) {
      log.removeFirst();
    }
  }
}
