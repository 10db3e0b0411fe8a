package io.cameraservice.observability;

import io.cameraservice.rpc.ErrorCode;
import io.cameraservice.rpc.RpcObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-method request metrics: a latency histogram ({@code rpc_request_duration_seconds{method}}), request and error
 * counters by method and code, and frames refused before they became calls. Method names that are not registered
 * are counted as {@code unknown} so that clients cannot grow the label set.
 */
public final class RpcMetrics implements RpcObserver {

  /** Meter names, also read by the alert rules' inputs (a renamed meter must not silently read as zero there). */
  public static final String LATENCY = "rpc_request_duration";
  public static final String REQUESTS = "rpc_requests";
  public static final String ERRORS = "rpc_errors";
  public static final String REJECTIONS = "rpc_rejections";

  private static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;
  private final Map<String, MethodMeters> byMethod = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> rejectedByCode = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejectionsByScope = new ConcurrentHashMap<>();

  public RpcMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private final class MethodMeters {
    final String method;
    final Timer latency;
    final Counter requests;
    final Map<Integer, Counter> errors = new ConcurrentHashMap<>();

    MethodMeters(String method) {
      this.method = method;
      this.latency = Timer.builder(LATENCY)
          .description("Time from receiving a request to having its answer")
          .tag("method", method)
          .publishPercentileHistogram()
          .publishPercentiles(0.5, 0.95, 0.99)
          .percentilePrecision(2)
          .minimumExpectedValue(Duration.ofNanos(10_000))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .distributionStatisticExpiry(Duration.ofMinutes(1))
          .register(registry);
      this.requests = Counter.builder(REQUESTS).tag("method", method).register(registry);
    }

    Counter errors(int code) {
      return errors.computeIfAbsent(code, c -> Counter.builder(ERRORS)
          .tag("method", method).tag("code", String.valueOf(c)).register(registry));
    }
  }

  @Override
  public void completed(String method, ErrorCode error, String limitScope, long durationNanos) {
    MethodMeters meters = byMethod.computeIfAbsent(method == null ? UNKNOWN : method, MethodMeters::new);
    meters.requests.increment();
    meters.latency.record(durationNanos, TimeUnit.NANOSECONDS);
    if (error != null) {
      meters.errors(error.code()).increment();
      if (error == ErrorCode.RATE_LIMITED) {
        rejected(limitScope);
      }
    }
  }

  /** Calls refused by a limit, by the limit's scope ({@code rpc_rejections_total{scope}}). */
  private void rejected(String scope) {
    rejectionsByScope.computeIfAbsent(String.valueOf(scope), s -> Counter.builder(REJECTIONS)
        .description("Calls answered with -32040 by a rate limit, queue bound, lockout or load shedding")
        .tag("scope", s).register(registry)).increment();
  }

  @Override
  public void rejectedFrame(ErrorCode error) {
    rejectedByCode.computeIfAbsent(error.code(), c -> Counter.builder("rpc_rejected_frames")
        .description("Messages answered with an error before they became a call")
        .tag("code", String.valueOf(c)).register(registry)).increment();
  }

  /** A method's calls: how many, how many failed, and p50/p95/p99 latency as {@code LatencyPercentiles} names them. */
  public record MethodStats(long count, long errors, Map<String, Object> percentilesMs) {}

  /** Per method, by name: count, errors, and latency percentiles in milliseconds over the last minute or so. */
  public Map<String, MethodStats> byMethod() {
    Map<String, MethodStats> out = new TreeMap<>();
    byMethod.forEach((method, m) -> out.put(method, new MethodStats((long) m.requests.count(),
        (long) m.errors.values().stream().mapToDouble(Counter::count).sum(), LatencyPercentiles.of(m.latency))));
    return out;
  }
}
