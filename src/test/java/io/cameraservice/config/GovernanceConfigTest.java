package io.cameraservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resources.*} and {@code alerts.*}: defaults, overrides, and a precise message for each broken rule. */
class GovernanceConfigTest {

  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void defaultsCoverEveryRequiredKindOfAlert() {
    ServiceConfig config = ConfigLoader.withEnvironment(Map.of()).load(null);
    assertThat(config.resources().sampleIntervalSeconds()).isEqualTo(5);
    assertThat(config.resources().cpuPercent()).isZero();
    assertThat(config.alerts().webhookUrl()).isNull();
    assertThat(config.alerts().rules()).extracting(AlertsSettings.AlertRuleSettings::name).containsExactly(
        "cpu", "memory", "heap", "open_files", "error_rate", "latency_p95", "rejections", "event_loop_delay");
    assertThat(config.alerts().rules()).filteredOn(AlertsSettings.AlertRuleSettings::shedLoad)
        .extracting(AlertsSettings.AlertRuleSettings::name).containsExactly("cpu", "memory", "heap");
    AlertsSettings.AlertRuleSettings openFiles = config.alerts().rules().get(3);
    assertThat(openFiles.above()).isTrue();
    assertThat(openFiles.forSeconds()).isZero();
    // Free disk space is the storage guard's alert (low_disk_space), so that one condition raises one alert.
    assertThat(config.storage().minFreeBytes() + config.storage().minFreePercent()).isPositive();
  }

  @Test
  void aUserRulesListReplacesTheBuiltInOneAndOptionalFieldsDefault() throws Exception {
    ServiceConfig config = ConfigLoader.withEnvironment(Map.of()).load(file("""
        alerts:
          webhook_url: https://hooks.example.com/T000/B000/XXXX
          rules:
            - {name: cpu, metric: resource_cpu_budget_ratio, warning: 0.7, critical: 0.9}
        resources:
          cpu_percent: 150
          rss_bytes: 2147483648
        """));
    assertThat(config.alerts().rules()).hasSize(1);
    AlertsSettings.AlertRuleSettings cpu = config.alerts().rules().get(0);
    assertThat(cpu.forSeconds()).isZero();
    assertThat(cpu.hysteresis()).isZero();
    assertThat(cpu.above()).isTrue();
    assertThat(cpu.shedLoad()).isFalse();
    assertThat(config.resources().cpuPercent()).isEqualTo(150);
    assertThat(config.resources().rssBytes()).isEqualTo(2L << 30);
    assertThat(config.alerts().toString()).doesNotContain("XXXX");
  }

  @Test
  void rulesCanComeFromTheEnvironment() {
    ServiceConfig config = ConfigLoader.withEnvironment(Map.of("CAMERA_SERVICE_ALERTS_RULES",
        "[{name: loop, metric: event_loop_delay_seconds, warning: 0.2, critical: 1, for_seconds: 5}]")).load(null);
    assertThat(config.alerts().rules()).singleElement()
        .satisfies(rule -> assertThat(rule.forSeconds()).isEqualTo(5));
  }

  @Test
  void everyBrokenRuleIsNamedByItsKey() throws Exception {
    List<String> problems = ConfigLoaderTest.problems(Map.of(), file("""
        resources:
          sample_interval_seconds: 0
          rss_bytes: 1000
          loop_probe_interval_ms: 5
        alerts:
          webhook_url: "ftp://files.example.com/?key=hidden"
          rules:
            - {name: cpu, metric: resource_cpu_budget_ratio, warning: 0.95, critical: 0.8}
            - {name: disk, metric: resource_disk_free_ratio, direction: below, warning: 0.05, critical: 0.1}
            - {name: cpu, metric: cpu_load, warning: 1, critical: 2, for_seconds: -1, hysteresis: -0.5}
            - {name: Bad-Name, metric: rpc_error_ratio, critical: 0.5, direction: sideways}
        """), false);
    assertThat(problems).contains(
        "resources.sample_interval_seconds: must be between 1 and 3600 (got 0)",
        "resources.rss_bytes: must be 0 (derived from the host) or at least 16777216 (got 1000)",
        "resources.loop_probe_interval_ms: must be between 10 and 60000 (got 5)",
        "alerts.webhook_url: must be an absolute http:// or https:// URL with a host",
        "alerts.rules[0].warning: must be below critical (0.8) for a rule on values above a threshold (got 0.95)",
        "alerts.rules[1].warning: must be above critical (0.1) for a rule on values below a threshold (got 0.05)",
        "alerts.rules[2].for_seconds: must be between 0 and 86400 (got -1)",
        "alerts.rules[2].hysteresis: must be a number of at least 0 (got -0.5)",
        "alerts.rules[2].name: duplicate rule name cpu",
        "alerts.rules[3].name: must match ^[a-z][a-z0-9_]{0,62}$ (got Bad-Name)",
        "alerts.rules[3].warning: is required",
        "alerts.rules[3].direction: must be one of above, below (got sideways)");
    assertThat(problems).anyMatch(p -> p.startsWith("alerts.rules[2].metric: must be one of ")
        && p.contains("resource_cpu_budget_ratio") && p.contains("rpc_rejections_per_second")
        && p.endsWith("(got cpu_load)"));
    assertThat(problems).noneMatch(p -> p.contains("hidden"));
  }

  @Test
  void unknownRuleFieldsAreRejected() throws Exception {
    List<String> problems = ConfigLoaderTest.problems(Map.of(), file("""
        alerts:
          rules:
            - {name: cpu, metric: resource_cpu_budget_ratio, warning: 0.8, critical: 0.9, for: 30}
        """), false);
    assertThat(problems).singleElement().asString().isEqualTo("alerts.rules[0].for: unknown key");
  }
}
