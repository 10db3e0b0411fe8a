package io.cameraservice.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares two suite results figure by figure. A figure regresses when it moves the wrong way by more than the
 * tolerance: relative for rates, CPU and memory, looser for tail latencies (they are noisy on a shared machine), and
 * in percentage points for figures that are themselves percentages.
 */
final class Comparison {

  enum Better { HIGHER, LOWER }

  private record Rule(String key, String parent, Better better, boolean latency, boolean points) {}

  private static final List<Rule> RULES = List.of(
      new Rule("throughput_rps", null, Better.HIGHER, false, false),
      new Rule("p99", "latency_ms", Better.LOWER, true, false),
      new Rule("cpu_us_per_request", "server", Better.LOWER, false, false),
      new Rule("rss_per_connection_bytes", null, Better.LOWER, false, false),
      new Rule("scaling_factor", null, Better.HIGHER, false, false),
      new Rule("served_vs_expected", null, Better.HIGHER, false, false),
      new Rule("last_delivery_ms_p99", null, Better.LOWER, true, false),
      new Rule("rss_growth_percent", null, Better.LOWER, false, true),
      new Rule("ffmpeg_processes", "cost", Better.LOWER, false, false),
      new Rule("ffmpeg_cpu_percent_of_one_core", "cost", Better.LOWER, false, false),
      new Rule("server_cpu_percent_per_viewer", "cost", Better.LOWER, false, false),
      new Rule("p95", "active", Better.LOWER, true, false),
      new Rule("p95", "idle", Better.LOWER, true, false),
      new Rule("p95", "glass_to_viewer_latency_ms", Better.LOWER, true, false),
      new Rule("p95", "until_received", Better.LOWER, true, false));

  private final double tolerance;
  private final double latencyTolerance;
  private final double pointsTolerance;
  private final List<JsonObject> rows = new ArrayList<>();

  Comparison(double tolerance, double latencyTolerance, double pointsTolerance) {
    this.tolerance = tolerance;
    this.latencyTolerance = latencyTolerance;
    this.pointsTolerance = pointsTolerance;
  }

  /** Compares every scenario present in both results; answers one row per figure compared. */
  List<JsonObject> compare(JsonObject baseline, JsonObject current) {
    JsonObject base = baseline.getJsonObject("scenarios", new JsonObject());
    JsonObject now = current.getJsonObject("scenarios", new JsonObject());
    for (String scenario : base.fieldNames()) {
      if (now.containsKey(scenario)) {
        walk(scenario, null, base.getJsonObject(scenario), now.getJsonObject(scenario));
      }
    }
    return rows;
  }

  boolean regressed() {
    return rows.stream().anyMatch(r -> r.getBoolean("regression"));
  }

  private void walk(String path, String parent, JsonObject base, JsonObject now) {
    for (String key : base.fieldNames()) {
      Object b = base.getValue(key);
      Object n = now.getValue(key);
      if (b instanceof JsonObject && n instanceof JsonObject) {
        walk(path + "." + key, key, (JsonObject) b, (JsonObject) n);
      } else if (b instanceof Number && n instanceof Number) {
        for (Rule rule : RULES) {
          if (rule.key().equals(key) && (rule.parent() == null || rule.parent().equals(parent))) {
            row(path + "." + key, rule, ((Number) b).doubleValue(), ((Number) n).doubleValue());
          }
        }
      }
    }
  }

  private void row(String figure, Rule rule, double base, double now) {
    boolean regression;
    double change;
    if (rule.points()) {
      change = now - base;
      regression = rule.better() == Better.LOWER ? change > pointsTolerance : -change > pointsTolerance;
    } else {
      change = base == 0 ? 0 : (now - base) / Math.abs(base);
      double allowed = rule.latency() ? latencyTolerance : tolerance;
      regression = rule.better() == Better.LOWER ? change > allowed : -change > allowed;
    }
    rows.add(new JsonObject().put("figure", figure).put("baseline", base).put("current", now)
        .put("change", Results.round(change)).put("points", rule.points())
        .put("better", rule.better().name().toLowerCase(java.util.Locale.ROOT))
        .put("regression", regression));
  }
}
