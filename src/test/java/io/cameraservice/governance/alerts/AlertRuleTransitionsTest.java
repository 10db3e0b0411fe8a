package io.cameraservice.governance.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.config.AlertsSettings.AlertRuleSettings;
import io.cameraservice.governance.AlertNotifications;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One rule's state machine, fed readings at exact times: for_seconds delays firing, hysteresis delays stepping down. */
class AlertRuleTransitionsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static AlertRuleSettings cpuRule(int forSeconds) {
    return new AlertRuleSettings("cpu", "resource_cpu_budget_ratio", 0.8, 0.95, forSeconds, 0.1, null, true);
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void firesAfterTheHoldAndStepsDownOnlyPastTheHysteresis() {
    AlertState state = new AlertState(cpuRule(30));
    assertThat(state.evaluate(0.5, at(0))).isNull();
    assertThat(state.evaluate(0.85, at(5))).as("warning level reached, hold starts").isNull();
    assertThat(state.evaluate(0.85, at(34))).as("held 29 s of 30").isNull();

    AlertTransition warning = state.evaluate(0.85, at(35));
    assertThat(warning.from()).isEqualTo(Severity.NONE);
    assertThat(warning.to()).isEqualTo(Severity.WARNING);
    assertThat(warning.severity()).isEqualTo("warning");
    assertThat(warning.value()).isEqualTo(0.85);
    assertThat(warning.threshold()).isEqualTo(0.8);
    assertThat(warning.at()).isEqualTo(at(35));
    assertThat(warning.message())
        .isEqualTo("cpu warning: resource_cpu_budget_ratio is 0.85, above 0.8 for 30 s");

    assertThat(state.evaluate(0.97, at(40))).as("critical level reached, hold starts").isNull();
    assertThat(state.evaluate(0.90, at(45))).as("a dip below critical restarts the hold").isNull();
    assertThat(state.evaluate(0.97, at(50))).isNull();
    assertThat(state.evaluate(0.97, at(79))).isNull();
    AlertTransition critical = state.evaluate(0.96, at(80));
    assertThat(critical.to()).isEqualTo(Severity.CRITICAL);
    assertThat(critical.severity()).isEqualTo("critical");
    assertThat(critical.threshold()).isEqualTo(0.95);

    assertThat(state.evaluate(0.90, at(85))).as("0.90 is within 0.1 of critical (0.95)").isNull();
    assertThat(state.evaluate(0.851, at(90))).as("still within the hysteresis").isNull();
    AlertTransition down = state.evaluate(0.84, at(95));
    assertThat(down.from()).isEqualTo(Severity.CRITICAL);
    assertThat(down.to()).isEqualTo(Severity.WARNING);
    assertThat(down.severity()).isEqualTo("warning");
    assertThat(down.threshold()).isEqualTo(0.8);
    assertThat(down.message())
        .isEqualTo("cpu down to warning: resource_cpu_budget_ratio is 0.84, below 0.95 by more than 0.1");

    assertThat(state.evaluate(0.75, at(100))).as("below warning but within its hysteresis").isNull();
    assertThat(state.evaluate(0.71, at(105))).as("just inside the hysteresis").isNull();
    AlertTransition resolved = state.evaluate(0.69, at(110));
    assertThat(resolved.to()).isEqualTo(Severity.NONE);
    assertThat(resolved.severity()).isEqualTo("resolved");
    assertThat(resolved.threshold()).isEqualTo(0.8);
    assertThat(resolved.message())
        .isEqualTo("cpu resolved: resource_cpu_budget_ratio is 0.69, below 0.8 by more than 0.1");
    assertThat(state.level()).isEqualTo(Severity.NONE);
  }

  @Test
  void blipsShorterThanTheHoldNeverFire() {
    AlertState state = new AlertState(cpuRule(10));
    for (int t = 0; t < 120; t += 10) {
      assertThat(state.evaluate(0.99, at(t))).isNull();
      assertThat(state.evaluate(0.5, at(t + 5))).isNull();
    }
    assertThat(state.level()).isEqualTo(Severity.NONE);
  }

  @Test
  void aMissingReadingRestartsTheHoldAndKeepsTheLevel() {
    AlertState state = new AlertState(cpuRule(10));
    assertThat(state.evaluate(0.99, at(0))).isNull();
    assertThat(state.evaluate(Double.NaN, at(5))).isNull();
    assertThat(state.evaluate(0.99, at(10))).as("hold restarted at 10 s").isNull();
    assertThat(state.evaluate(0.99, at(20)).to()).isEqualTo(Severity.CRITICAL);
    assertThat(state.evaluate(Double.NaN, at(25))).isNull();
    assertThat(state.level()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void withoutHoldAJumpPastBothThresholdsGoesStraightToCritical() {
    AlertState state = new AlertState(cpuRule(0));
    AlertTransition t = state.evaluate(1.2, at(0));
    assertThat(t.from()).isEqualTo(Severity.NONE);
    assertThat(t.to()).isEqualTo(Severity.CRITICAL);
    assertThat(t.message()).isEqualTo("cpu critical: resource_cpu_budget_ratio is 1.2, above 0.95");
    AlertTransition resolved = state.evaluate(0.1, at(5));
    assertThat(resolved.from()).isEqualTo(Severity.CRITICAL);
    assertThat(resolved.to()).isEqualTo(Severity.NONE);
    assertThat(resolved.threshold()).isEqualTo(0.8);
    assertThat(resolved.message())
        .isEqualTo("cpu resolved: resource_cpu_budget_ratio is 0.1, below 0.8 by more than 0.1");
  }

  @Test
  void rulesOnValuesBelowAThresholdMirrorTheLogic() {
    AlertState disk = new AlertState(
        new AlertRuleSettings("disk", "resource_disk_free_ratio", 0.10, 0.05, 0, 0.02, "below", false));
    assertThat(disk.evaluate(0.5, at(0))).isNull();
    assertThat(disk.evaluate(0.09, at(1)).to()).isEqualTo(Severity.WARNING);
    assertThat(disk.evaluate(0.04, at(2)).to()).isEqualTo(Severity.CRITICAL);
    assertThat(disk.evaluate(0.06, at(3))).as("within 0.02 above critical").isNull();
    assertThat(disk.evaluate(0.08, at(4)).to()).isEqualTo(Severity.WARNING);
    assertThat(disk.evaluate(0.115, at(5))).as("within 0.02 above warning").isNull();
    AlertTransition resolved = disk.evaluate(0.13, at(6));
    assertThat(resolved.to()).isEqualTo(Severity.NONE);
    assertThat(resolved.message())
        .isEqualTo("disk resolved: resource_disk_free_ratio is 0.13, above 0.1 by more than 0.02");
  }

  @Test
  void theNotificationCarriesExactlyTheContractFields() {
    AlertTransition t = new AlertState(cpuRule(0)).evaluate(0.97, at(0));
    assertThat(AlertNotifications.systemAlert(t).fieldNames())
        .containsExactlyInAnyOrder("alert", "severity", "value", "threshold", "message", "timestamp");
    assertThat(AlertNotifications.systemAlert(t).getString("timestamp")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(AlertNotifications.systemAlert(t).getString("alert")).isEqualTo("cpu");
  }
}
