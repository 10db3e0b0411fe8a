package io.cameraservice.governance.alerts;

import io.cameraservice.observability.RpcMetrics;
import io.cameraservice.rpc.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The request figures alert rules watch, over the window since the previous evaluation, read by name from the
 * meter registry: {@code rpc_requests}, {@code rpc_errors{code}}, {@code rpc_rejections{scope}} (counted by the rate
 * limiter and the load shedder) and {@code rpc_request_duration{method}}. Meters that do not exist yet count as 0.
 */
final class RpcWindow {

  /** Errors that are the service's own failure rather than the caller's. */
  private static final Set<String> SERVER_CODES = Set.of(String.valueOf(ErrorCode.INTERNAL_ERROR.code()),
      String.valueOf(ErrorCode.DEPENDENCY_FAILED.code()));

  private final MeterRegistry registry;
  private final int minRequests;
  private final Map<Meter.Id, Long> timerCounts = new HashMap<>();
  private Instant previousAt;
  private double previousRequests;
  private double previousErrors;
  private double previousServerErrors;
  private double previousRejections;

  private double errorRatio;
  private double serverErrorRatio;
  private double errorsPerSecond;
  private double rejectionsPerSecond;
  private double latencyP95Seconds;

  RpcWindow(MeterRegistry registry, int minRequests) {
    this.registry = registry;
    this.minRequests = minRequests;
  }

  /** Closes the window at {@code now}; the first call only sets the starting point (all figures 0). */
  void advance(Instant now) {
    double requests = sum(RpcMetrics.REQUESTS, null);
    double errors = sum(RpcMetrics.ERRORS, null);
    double serverErrors = sum(RpcMetrics.ERRORS, SERVER_CODES);
    double rejections = sum(RpcMetrics.REJECTIONS, null);
    latencyP95Seconds = worstP95OfActiveMethods();
    if (previousAt != null) {
      double seconds = Duration.between(previousAt, now).toMillis() / 1000.0;
      double served = requests - previousRequests;
      errorRatio = served >= minRequests ? (errors - previousErrors) / served : 0;
      serverErrorRatio = served >= minRequests ? (serverErrors - previousServerErrors) / served : 0;
      errorsPerSecond = seconds > 0 ? (errors - previousErrors) / seconds : 0;
      rejectionsPerSecond = seconds > 0 ? (rejections - previousRejections) / seconds : 0;
    }
    previousAt = now;
    previousRequests = requests;
    previousErrors = errors;
    previousServerErrors = serverErrors;
    previousRejections = rejections;
  }

  double errorRatio() {
    return errorRatio;
  }

  double serverErrorRatio() {
    return serverErrorRatio;
  }

  double errorsPerSecond() {
    return errorsPerSecond;
  }

  double rejectionsPerSecond() {
    return rejectionsPerSecond;
  }

  /** The highest p95 (over the last minute or so) among methods called in this window; 0 when none was. */
  double latencyP95Seconds() {
    return latencyP95Seconds;
  }

  private double sum(String name, Set<String> codes) {
    double total = 0;
    for (Counter counter : registry.find(name).counters()) {
      if (codes == null || codes.contains(counter.getId().getTag("code"))) {
        total += counter.count();
      }
    }
    return total;
  }

  private double worstP95OfActiveMethods() {
    double worst = 0;
    for (Timer timer : registry.find(RpcMetrics.LATENCY).timers()) {
      long count = timer.count();
      Long seen = timerCounts.put(timer.getId(), count);
      // A method first seen now was called in this window, unless this is the first window (the starting point).
      long before = seen != null ? seen : previousAt == null ? count : 0;
      if (count <= before) {
        continue;
      }
      for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
        if (p.percentile() == 0.95) {
          worst = Math.max(worst, p.value(TimeUnit.SECONDS));
        }
      }
    }
    return worst;
  }
}
