package io.cameraservice.governance.alerts;

import java.time.Instant;

/**
 * A rule moving from one severity to another. Announced as the {@code system_alert} notification, a log line,
 * metrics and, when configured, a webhook POST (both rendered by {@code governance.AlertNotifications}).
 *
 * @param threshold the threshold of the new severity; for {@code resolved}, the warning threshold the value is
 *     now clear of
 */
public record AlertTransition(String alert, Severity from, Severity to, double value, double threshold,
    String message, Instant at) {

  public String severity() {
    return to.wireName();
  }
}
