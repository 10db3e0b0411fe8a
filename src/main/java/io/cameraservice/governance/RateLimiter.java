package io.cameraservice.governance;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.config.LimitsSettings.RatesSettings;
import io.cameraservice.config.RateSettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client and method class (status, control, file, admin), with per-method overrides that get a
 * bucket of their own. A client is a WebSocket session or, for plain HTTP, an authenticated user. Bucket4j does the
 * arithmetic; the time source is injectable so tests can count exactly.
 */
public final class RateLimiter {

  private final RatesSettings settings;
  private final TimeMeter time;
  private final int maxClients;
  private final Map<String, ClientBuckets> clients = new ConcurrentHashMap<>();

  public RateLimiter(RatesSettings settings, TimeMeter time, int maxClients) {
    this.settings = settings;
    this.time = time;
    this.maxClients = maxClients;
  }

  /** Null when the request may run, otherwise the busy failure (-32040 {@code rate_limited}). */
  public Failure tryAcquire(String client, RateClass rateClass, String method) {
    RateSettings methodRate = settings.methods().get(method);
    String key = methodRate != null ? "method:" + method : rateClass.configName();
    RateSettings rate = methodRate != null ? methodRate : classRate(rateClass);
    ClientBuckets buckets = clients.get(client);
    if (buckets == null) {
      buckets = clients.size() < maxClients ? clients.computeIfAbsent(client, c -> new ClientBuckets())
          : clients.computeIfAbsent("(overflow)", c -> new ClientBuckets());
    }
    buckets.lastUsedNanos = time.currentTimeNanos();
    ConsumptionProbe probe = buckets.bucket(key, rate).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return null;
    }
    long retryMs = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000);
    return Failure.busy("rate_limited", retryMs, rate.perSecond(), "rate:" + key)
        .with("burst", rate.burst());
  }

  /** Drops a client's buckets (its session ended). */
  public void forget(String client) {
    clients.remove(client);
  }

  /** Drops buckets of clients idle for longer than {@code idle}; keeps memory bounded for HTTP clients. */
  public void forgetIdle(Duration idle) {
    long cutoff = time.currentTimeNanos() - idle.toNanos();
    clients.values().removeIf(b -> b.lastUsedNanos < cutoff);
  }

  public int clients() {
    return clients.size();
  }

  private RateSettings classRate(RateClass rateClass) {
    switch (rateClass) {
      case CONTROL:
        return settings.control();
      case FILE:
        return settings.file();
      case ADMIN:
        return settings.admin();
      default:
        return settings.status();
    }
  }

  private final class ClientBuckets {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>(4);
    volatile long lastUsedNanos;

    Bucket bucket(String key, RateSettings rate) {
      Bucket bucket = buckets.get(key);
      return bucket != null ? bucket : buckets.computeIfAbsent(key, k -> newBucket(rate, time));
    }
  }

  /** A token bucket holding {@code burst} tokens, refilled at {@code per_second}, on {@code time}. */
  static Bucket newBucket(RateSettings rate, TimeMeter time) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }
}
