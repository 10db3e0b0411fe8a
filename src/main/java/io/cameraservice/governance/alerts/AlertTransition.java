package io.cameraservice.governance.alerts;

import io.cameraservice.rpc.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A rule moving from one severity to another. Announced as the {@code system_alert} notification, a log line,
 * metrics and, when configured, a webhook POST of {@link #toJson()}.
 *
 * @param threshold the threshold of the new severity; for {@code resolved}, the warning threshold the value is
 *     now clear of
 */
public record AlertTransition(String alert, Severity from, Severity to, double value, double threshold,
    String message, Instant at) {

  public String severity() {
    return to.wireName();
  }

  /** The params of {@code system_alert}, exactly as the contract names them. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("alert", alert)
        .put("severity", severity())
        .put("value", value)
        .put("threshold", threshold)
        .put("message", message)
        .put("timestamp", Timestamps.format(at));
  }
}
