package io.cameraservice.governance.alerts;

import io.cameraservice.config.AlertsSettings.AlertRuleSettings;
import io.cameraservice.config.ConfigProblems;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.governance.resources.ResourceSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The metrics an alert rule may watch, by name: every reading of the resource monitor's latest snapshot (named like
 * its gauge) and request figures over the evaluation window.
 */
public final class AlertInputs {

  private static final Map<String, ToDoubleFunction<RpcWindow>> REQUEST_FIGURES = requestFigures();
  private static final Map<String, ToDoubleFunction<ResourceSnapshot>> RESOURCE_READINGS =
      ResourceSnapshot.READINGS.stream().collect(Collectors.toMap(ResourceSnapshot.Reading::name,
          ResourceSnapshot.Reading::value, (a, b) -> a, LinkedHashMap::new));

  /** Every name a rule's {@code metric} may take (checked when the configuration is loaded). */
  public static final List<String> NAMES = Stream.concat(RESOURCE_READINGS.keySet().stream(),
      REQUEST_FIGURES.keySet().stream()).toList();

  /**
   * The configuration check that every rule watches one of {@link #NAMES}: a {@code ConfigCheck} (listed in
   * {@code app.ConfigChecks}), because the configuration itself does not know the inputs.
   */
  public static void checkRuleMetrics(ServiceConfig config, ConfigProblems problems) {
    List<AlertRuleSettings> rules = config.alerts().rules();
    for (int i = 0; i < rules.size(); i++) {
      AlertRuleSettings rule = rules.get(i); // null is reported by the settings themselves
      if (rule != null && (rule.metric() == null || !NAMES.contains(rule.metric()))) {
        problems.add("alerts.rules[" + i + "].metric", "must be one of " + String.join(", ", NAMES) + " (got "
            + rule.metric() + ")");
      }
    }
  }

  private final Supplier<ResourceSnapshot> resources;
  private final RpcWindow requests;

  public AlertInputs(Supplier<ResourceSnapshot> resources, MeterRegistry registry, int errorRatioMinRequests) {
    this.resources = resources;
    this.requests = new RpcWindow(registry, errorRatioMinRequests);
  }

  private static Map<String, ToDoubleFunction<RpcWindow>> requestFigures() {
    Map<String, ToDoubleFunction<RpcWindow>> m = new LinkedHashMap<>();
    m.put("rpc_error_ratio", RpcWindow::errorRatio);
    m.put("rpc_server_error_ratio", RpcWindow::serverErrorRatio);
    m.put("rpc_errors_per_second", RpcWindow::errorsPerSecond);
    m.put("rpc_latency_p95_seconds", RpcWindow::latencyP95Seconds);
    m.put("rpc_rejections_per_second", RpcWindow::rejectionsPerSecond);
    return m;
  }

  /** Starts a new evaluation at {@code now}: request figures cover the time since the previous one. */
  void advance(Instant now) {
    requests.advance(now);
  }

  /** The current value of an input, NaN when unknown (no resource sample yet, or the reading failed). */
  double value(String name) {
    ToDoubleFunction<RpcWindow> figure = REQUEST_FIGURES.get(name);
    if (figure != null) {
      return figure.applyAsDouble(requests);
    }
    ResourceSnapshot snapshot = resources.get();
    return snapshot == null ? Double.NaN : RESOURCE_READINGS.get(name).applyAsDouble(snapshot);
  }
}
