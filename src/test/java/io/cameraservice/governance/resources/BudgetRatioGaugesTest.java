package io.cameraservice.governance.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cameraservice.governance.GovernanceMethods;
import io.cameraservice.config.ResourcesSettings;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.ScriptedSampler;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Gauges and the get_metrics section computed from scripted readings against configured and derived budgets. */
class BudgetRatioGaugesTest {

  private static final long MIB = 1L << 20;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScriptedSampler sampler = new ScriptedSampler()
      .cpu(0.5, 1.0).rss(300 * MIB, 100 * MIB).heapUsed(256 * MIB).diskFree(25 * ScriptedSampler.GIB);

  private ResourceMonitor monitor(ResourcesSettings settings) {
    return new ResourceMonitor(settings, sampler, new EventLoopDelayProbe(100), MutableClock.startingNow(),
        registry);
  }

  private double gauge(String name) {
    return RequiredSearch.in(registry).name(name).gauge().value();
  }

  private double gauge(String name, String scope) {
    return RequiredSearch.in(registry).name(name).tag("scope", scope).gauge().value();
  }

  @Test
  void ratiosUseTheConfiguredBudgets() {
    // Micrometer holds a gauge's object weakly: keep the monitor reachable until the last read (the service keeps
    // its monitor for its lifetime), or a collection in between makes the gauges read NaN.
    ResourceMonitor monitor = monitor(new ResourcesSettings(5, 100, 200, 800 * MIB, 512 * MIB, 400));
    monitor.sample();

    assertThat(gauge("resource_cpu_usage_cores", "service")).isEqualTo(0.5);
    assertThat(gauge("resource_cpu_usage_cores", "children")).isEqualTo(1.0);
    assertThat(gauge("resource_cpu_usage_cores", "total")).isEqualTo(1.5);
    assertThat(gauge("resource_cpu_budget_cores")).isEqualTo(2.0);
    assertThat(gauge("resource_cpu_budget_ratio")).isEqualTo(0.75);
    assertThat(gauge("resource_cpu_machine_ratio")).isEqualTo(0.75);

    assertThat(gauge("resource_rss_bytes", "total")).isEqualTo(400.0 * MIB);
    assertThat(gauge("resource_rss_budget_bytes")).isEqualTo(800.0 * MIB);
    assertThat(gauge("resource_rss_budget_ratio")).isEqualTo(0.5);
    assertThat(gauge("resource_heap_budget_ratio")).isEqualTo(0.5);
    assertThat(gauge("resource_open_files_budget_ratio")).isEqualTo(0.25);
    assertThat(gauge("resource_disk_free_ratio")).isEqualTo(0.25);
    assertThat(gauge("resource_child_processes")).isEqualTo(1.0);
    java.lang.ref.Reference.reachabilityFence(monitor);
  }

  @Test
  void zeroBudgetsAreDerivedFromTheHost() {
    ResourceMonitor monitor = monitor(new ResourcesSettings(5, 100, 0, 0, 0, 0));
    monitor.sample();

    // Scripted host: 2 cores, 8 GiB of memory, 1 GiB maximum heap, a limit of 1024 open files (100 open).
    assertThat(gauge("resource_cpu_budget_cores")).isCloseTo(1.6, within(1e-9));
    assertThat(gauge("resource_cpu_budget_ratio")).isCloseTo(1.5 / 1.6, within(1e-9));
    assertThat(gauge("resource_rss_budget_bytes")).isEqualTo(4.0 * ScriptedSampler.GIB);
    assertThat(gauge("resource_heap_budget_bytes")).isEqualTo(1.0 * ScriptedSampler.GIB);
    assertThat(gauge("resource_heap_budget_ratio")).isEqualTo(0.25);
    assertThat(gauge("resource_open_files_budget")).isEqualTo(1024.0);

    JsonObject section = GovernanceMethods.resources(monitor.latest());
    assertThat(section.getJsonObject("cpu").getDouble("total_percent")).isEqualTo(150.0);
    assertThat(section.getJsonObject("cpu").getDouble("budget_ratio")).isEqualTo(0.9375);
    assertThat(section.getJsonObject("memory").getLong("total_rss_bytes")).isEqualTo(400 * MIB);
    assertThat(section.getJsonObject("memory").getDouble("rss_budget_ratio")).isEqualTo(0.0977);
    assertThat(section.getJsonObject("budgets").getDouble("cpu_percent")).isEqualTo(160.0);
    assertThat(section.getJsonObject("budgets").getLong("rss_bytes")).isEqualTo(4 * ScriptedSampler.GIB);
    assertThat(section.getJsonObject("disk").getDouble("free_ratio")).isEqualTo(0.25);
  }

  @Test
  void unknownReadingsGiveNoRatioRatherThanAWrongOne() {
    sampler.rss(-1, 0);
    ResourceMonitor monitor = monitor(new ResourcesSettings(5, 100, 200, 800 * MIB, 0, 0));
    assertThat(gauge("resource_rss_budget_ratio")).as("before the first sample").isNaN();
    monitor.sample();
    assertThat(gauge("resource_rss_budget_ratio")).isNaN();
    assertThat(GovernanceMethods.resources(monitor.latest()).getJsonObject("memory").getValue("rss_budget_ratio")).isNull();
  }
}
