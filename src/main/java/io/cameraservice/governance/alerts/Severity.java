package io.cameraservice.governance.alerts;

import java.util.Locale;

/** How bad a rule's metric is, in increasing order. */
public enum Severity {
  NONE,
  WARNING,
  CRITICAL;

  /** The {@code severity} of a {@code system_alert} announcing a move to this level. */
  public String wireName() {
    return this == NONE ? "resolved" : name().toLowerCase(Locale.ROOT);
  }
}
