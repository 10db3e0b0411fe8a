package io.cameraservice.governance.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What the alert engine holds at one moment: how many rules it evaluates, the ones past a threshold, and the rule
 * that sheds load (null while none does).
 */
public record AlertsStatus(int rules, List<Active> active, String sheddingCause) {

  public AlertsStatus {
    active = List.copyOf(active);
  }

  /** A rule at warning or critical since {@code since}, with its last value and the threshold it is past. */
  public record Active(String alert, Severity severity, String metric, double value, double threshold,
      Instant since) {}
}
