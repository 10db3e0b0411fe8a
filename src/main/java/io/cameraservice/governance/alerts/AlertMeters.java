package io.cameraservice.governance.alerts;

import io.cameraservice.config.AlertsSettings.AlertRuleSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code alerts_active{alert,severity}} (1 while the alert is at that severity) and
 * {@code alert_transitions_total{alert,severity}} (severity warning, critical or resolved), registered for every
 * rule up front so that dashboards see zeros rather than gaps.
 */
public final class AlertMeters implements AlertListener {

  private final MeterRegistry registry;
  private final Map<String, Severity> levels = new ConcurrentHashMap<>();

  public AlertMeters(MeterRegistry registry, List<AlertRuleSettings> rules) {
    this.registry = registry;
    for (AlertRuleSettings rule : rules) {
      levels.put(rule.name(), Severity.NONE);
      for (Severity severity : List.of(Severity.WARNING, Severity.CRITICAL)) {
        Gauge.builder("alerts_active", levels, m -> m.get(rule.name()) == severity ? 1 : 0)
            .description("1 while the alert is active at this severity").tag("alert", rule.name())
            .tag("severity", severity.wireName()).register(registry);
      }
      for (Severity severity : Severity.values()) {
        transitions(rule.name(), severity);
      }
    }
  }

  @Override
  public void onTransition(AlertTransition transition) {
    levels.put(transition.alert(), transition.to());
    transitions(transition.alert(), transition.to()).increment();
  }

  private Counter transitions(String alert, Severity severity) {
    return Counter.builder("alert_transitions").description("Alerts fired, escalated, stepped down or resolved")
        .tag("alert", alert).tag("severity", severity.wireName()).register(registry);
  }
}
