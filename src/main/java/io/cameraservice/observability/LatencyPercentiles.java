package io.cameraservice.observability;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A timer's client-side percentiles as {@code get_metrics} shows them: {@code p50_ms, p95_ms, ...}, to the µs. */
public final class LatencyPercentiles {

  private LatencyPercentiles() {}

  public static Map<String, Object> of(Timer timer) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
      out.put("p" + Math.round(p.percentile() * 100) + "_ms",
          Math.round(p.value(TimeUnit.MILLISECONDS) * 1000) / 1000.0);
    }
    return out;
  }
}
