package io.cameraservice.governance.alerts;

import io.cameraservice.config.AlertsSettings.AlertRuleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One rule's state machine. A severity is entered once the metric has been past its threshold at every evaluation
 * for {@code for_seconds}; it is left as soon as the metric is back past the threshold by more than
 * {@code hysteresis} (stepping down to warning when that still holds, else resolving). A missing value (NaN) changes
 * nothing but restarts the wait.
 */
final class AlertState {

  private final AlertRuleSettings rule;
  private final Duration hold;
  private Severity level = Severity.NONE;
  private Instant levelSince;
  private Instant warningSince;
  private Instant criticalSince;
  private double lastValue = Double.NaN;

  AlertState(AlertRuleSettings rule) {
    this.rule = rule;
    this.hold = Duration.ofSeconds(rule.forSeconds());
  }

  AlertRuleSettings rule() {
    return rule;
  }

  Severity level() {
    return level;
  }

  Instant levelSince() {
    return levelSince;
  }

  double lastValue() {
    return lastValue;
  }

  /** Feeds one reading; answers the transition it causes, or null. */
  AlertTransition evaluate(double value, Instant now) {
    if (Double.isNaN(value)) {
      warningSince = null;
      criticalSince = null;
      return null;
    }
    lastValue = value;
    warningSince = breaches(rule.warning(), value) ? (warningSince == null ? now : warningSince) : null;
    criticalSince = breaches(rule.critical(), value) ? (criticalSince == null ? now : criticalSince) : null;

    Severity next = level;
    if (held(criticalSince, now)) {
      next = Severity.CRITICAL;
    } else if (level == Severity.CRITICAL && clears(rule.critical(), value)) {
      next = clears(rule.warning(), value) ? Severity.NONE : Severity.WARNING;
    } else if (level == Severity.NONE && held(warningSince, now)) {
      next = Severity.WARNING;
    } else if (level == Severity.WARNING && clears(rule.warning(), value)) {
      next = Severity.NONE;
    }
    if (next == level) {
      return null;
    }
    Severity from = level;
    level = next;
    levelSince = next == Severity.NONE ? null : now;
    double threshold = next == Severity.CRITICAL ? rule.critical() : rule.warning();
    return new AlertTransition(rule.name(), from, next, value, threshold, message(from, next, value), now);
  }

  private boolean breaches(double threshold, double value) {
    return rule.above() ? value >= threshold : value <= threshold;
  }

  private boolean clears(double threshold, double value) {
    return rule.above() ? value < threshold - rule.hysteresis() : value > threshold + rule.hysteresis();
  }

  private boolean held(Instant since, Instant now) {
    return since != null && Duration.between(since, now).compareTo(hold) >= 0;
  }

  private String message(Severity from, Severity to, double value) {
    String side = rule.above() ? "above" : "below";
    String back = rule.above() ? "below" : "above";
    String metric = rule.metric() + " is " + format(value);
    if (to.compareTo(from) > 0) {
      double threshold = to == Severity.CRITICAL ? rule.critical() : rule.warning();
      return rule.name() + " " + to.wireName() + ": " + metric + ", " + side + " " + format(threshold)
          + (hold.isZero() ? "" : " for " + hold.toSeconds() + " s");
    }
    double left = to == Severity.WARNING ? rule.critical() : rule.warning();
    return rule.name() + (to == Severity.NONE ? " resolved" : " down to warning") + ": " + metric + ", " + back
        + " " + format(left) + (rule.hysteresis() > 0 ? " by more than " + format(rule.hysteresis()) : "");
  }

  static String format(double value) {
    String text = String.format(Locale.ROOT, "%.4f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
