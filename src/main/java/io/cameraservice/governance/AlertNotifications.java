package io.cameraservice.governance;

import io.cameraservice.governance.alerts.AlertTransition;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The wire shape of the {@code system_alert} notification's {@code params} (api/contract.md, events), also the body
 * of the alert webhook. Rules and the disk space guard both announce through it; value and threshold keep their
 * number type (a rule's metric is a double, free space a count of bytes).
 */
public final class AlertNotifications {

  private AlertNotifications() {
  }

  /** {@code system_alert} announcing a rule's transition. */
  public static JsonObject systemAlert(AlertTransition t) {
    return systemAlert(t.alert(), t.severity(), t.value(), t.threshold(), t.message(), t.at());
  }

  /** {@code system_alert}: {@code {alert, severity, value, threshold, message, timestamp}}. */
  public static JsonObject systemAlert(String alert, String severity, Number value, Number threshold,
      String message, Instant at) {
    return new JsonObject()
        .put("alert", alert)
        .put("severity", severity)
        .put("value", value)
        .put("threshold", threshold)
        .put("message", message)
        .put("timestamp", Timestamps.format(at));
  }
}
