package io.cameraservice.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open connections in all and per remote address, against a cap on each. Thread-safe: loops share one. */
public final class AddressCounts {

  /** What {@link #acquire} decided. */
  public enum Verdict { ADMITTED, TOTAL_FULL, ADDRESS_FULL }

  private final AtomicInteger total = new AtomicInteger();
  private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  /** Counts one more connection from the address unless either cap is reached (then counts nothing). */
  public Verdict acquire(String address, int maxTotal, int maxPerAddress) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Verdict.TOTAL_FULL;
    }
    AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > maxPerAddress) {
      count.decrementAndGet();
      total.decrementAndGet();
      return Verdict.ADDRESS_FULL;
    }
    return Verdict.ADMITTED;
  }

  /** One connection from the address, admitted before, has gone. */
  public void release(String address) {
    total.decrementAndGet();
    perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  public int total() {
    return total.get();
  }
}
