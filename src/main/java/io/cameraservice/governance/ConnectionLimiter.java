package io.cameraservice.governance;

import io.cameraservice.config.LimitsSettings;
import io.cameraservice.server.AddressCounts;
import io.cameraservice.server.ConnectionGate;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may open a WebSocket: at most {@code limits.max_connections} in all and
 * {@code limits.max_connections_per_address} per address (beyond: 503), and at most
 * {@code limits.new_connections_per_address} new ones per second per address (beyond: 429). Warns once when the
 * total passes 90% of its cap.
 */
public final class ConnectionLimiter implements ConnectionGate {

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int UNAVAILABLE = 503;
  private static final int MAX_TRACKED_ADDRESSES = 10_000;

  private final LimitsSettings limits;
  private final TimeMeter time;
  private final AddressCounts counts = new AddressCounts();
  private final Map<String, Bucket> newConnectionBuckets;
  private final MeterRegistry registry;
  private volatile boolean warned;

  public ConnectionLimiter(LimitsSettings limits, TimeMeter time, MeterRegistry registry) {
    this.limits = limits;
    this.time = time;
    this.registry = registry;
    this.newConnectionBuckets = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > MAX_TRACKED_ADDRESSES;
      }
    };
    registry.gauge("ws_connections_limit", limits, LimitsSettings::maxConnections);
  }

  @Override
  public int admit(String address) {
    if (!newConnectionAllowed(address)) {
      return refuse("new_connections_per_address", TOO_MANY_REQUESTS);
    }
    switch (counts.acquire(address, limits.maxConnections(), limits.maxConnectionsPerAddress())) {
      case TOTAL_FULL:
        return refuse("max_connections", UNAVAILABLE);
      case ADDRESS_FULL:
        return refuse("max_connections_per_address", UNAVAILABLE);
      default:
        break;
    }
    if (!warned && counts.total() >= limits.maxConnections() * 0.9) {
      warned = true;
      org.slf4j.LoggerFactory.getLogger(ConnectionLimiter.class).warn(
          "{} WebSocket connections open, 90% of limits.max_connections ({})", counts.total(),
          limits.maxConnections());
    }
    return 0;
  }

  @Override
  public void release(String address) {
    counts.release(address);
  }

  private boolean newConnectionAllowed(String address) {
    Bucket bucket;
    synchronized (newConnectionBuckets) {
      bucket = newConnectionBuckets.computeIfAbsent(address,
          a -> RateLimiter.newBucket(limits.newConnectionsPerAddress(), time));
    }
    return bucket.tryConsume(1);
  }

  private int refuse(String scope, int status) {
    Counter.builder("connection_rejections").tag("scope", scope).register(registry).increment();
    return status;
  }
}
