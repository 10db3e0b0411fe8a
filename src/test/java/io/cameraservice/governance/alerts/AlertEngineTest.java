package io.cameraservice.governance.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.config.AlertsSettings.AlertRuleSettings;
import io.cameraservice.config.ResourcesSettings;
import io.cameraservice.governance.GovernanceMethods;
import io.cameraservice.governance.resources.ResourceBudgets;
import io.cameraservice.governance.resources.ResourceSnapshot;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.ScriptedSampler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine reading its inputs by name from the meter registry (as the RPC layer and the rate limiter fill it) and
 * from resource snapshots, over windows measured with a hand-moved clock.
 */
class AlertEngineTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicReference<ResourceSnapshot> snapshot = new AtomicReference<>();
  private final List<AlertTransition> heard = new ArrayList<>();

  private AlertEngine engine(AlertRuleSettings... rules) {
    List<AlertRuleSettings> list = List.of(rules);
    return new AlertEngine(list, new AlertInputs(snapshot::get, registry, 20), clock,
        List.of(heard::add, new AlertMeters(registry, list)));
  }

  private static AlertRuleSettings rule(String name, String metric, double warning, double critical) {
    return new AlertRuleSettings(name, metric, warning, critical, 0, 0.0, null, false);
  }

  private List<String> evaluateAfter(Duration elapsed, AlertEngine engine) {
    clock.advance(elapsed);
    return engine.evaluate().stream().map(t -> t.alert() + ":" + t.severity()).toList();
  }

  private double scraped(String series) {
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    throw new AssertionError(series + " not exposed");
  }

  @Test
  void rejectionRateIsReadFromTheRejectionCounterOfAnyScope() {
    AlertEngine engine = engine(rule("rejections", "rpc_rejections_per_second", 10, 100));
    assertThat(evaluateAfter(Duration.ZERO, engine)).as("the first evaluation sets the starting point").isEmpty();
    Counter session = Counter.builder("rpc_rejections").tag("scope", "session").register(registry);
    Counter perAddress = Counter.builder("rpc_rejections").tag("scope", "address").register(registry);

    session.increment(90);
    perAddress.increment(9);
    assertThat(evaluateAfter(Duration.ofSeconds(10), engine)).as("9.9 per second").isEmpty();

    session.increment(150);
    assertThat(evaluateAfter(Duration.ofSeconds(10), engine)).containsExactly("rejections:warning");
    assertThat(heard.get(0).value()).isEqualTo(15.0);

    perAddress.increment(1000);
    assertThat(evaluateAfter(Duration.ofSeconds(10), engine)).containsExactly("rejections:critical");
    assertThat(scraped("alerts_active{alert=\"rejections\",severity=\"critical\"}")).isEqualTo(1.0);
    assertThat(scraped("alerts_active{alert=\"rejections\",severity=\"warning\"}")).isEqualTo(0.0);

    assertThat(evaluateAfter(Duration.ofSeconds(10), engine)).as("nothing rejected: 0 per second")
        .containsExactly("rejections:resolved");
    assertThat(scraped("alerts_active{alert=\"rejections\",severity=\"critical\"}")).isEqualTo(0.0);
    assertThat(scraped("alert_transitions_total{alert=\"rejections\",severity=\"warning\"}")).isEqualTo(1.0);
    assertThat(scraped("alert_transitions_total{alert=\"rejections\",severity=\"critical\"}")).isEqualTo(1.0);
    assertThat(scraped("alert_transitions_total{alert=\"rejections\",severity=\"resolved\"}")).isEqualTo(1.0);
  }

  @Test
  void serverErrorRatioCountsInternalAndDependencyFailuresOverEnoughRequests() {
    AlertEngine engine = engine(rule("errors", "rpc_server_error_ratio", 0.05, 0.25));
    engine.evaluate();
    Counter requests = Counter.builder("rpc_requests").tag("method", "take_snapshot").register(registry);
    Counter internal = Counter.builder("rpc_errors").tag("method", "take_snapshot").tag("code", "-32603")
        .register(registry);
    Counter dependency = Counter.builder("rpc_errors").tag("method", "take_snapshot").tag("code", "-32050")
        .register(registry);
    Counter callersFault = Counter.builder("rpc_errors").tag("method", "take_snapshot").tag("code", "-32602")
        .register(registry);

    requests.increment(10);
    internal.increment(10);
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).as("10 requests are fewer than the 20 needed")
        .isEmpty();

    requests.increment(100);
    internal.increment(20);
    dependency.increment(10);
    callersFault.increment(50);
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).containsExactly("errors:critical");
    assertThat(heard.get(0).value()).isEqualTo(0.3);
  }

  @Test
  void latencyIsTheWorstP95OfMethodsCalledInTheWindow() {
    AlertEngine engine = engine(rule("latency", "rpc_latency_p95_seconds", 1, 5));
    Timer slow = Timer.builder("rpc_request_duration").tag("method", "cleanup_old_files").publishPercentiles(0.95)
        .register(registry);
    Timer fast = Timer.builder("rpc_request_duration").tag("method", "ping").publishPercentiles(0.95)
        .register(registry);
    for (int i = 0; i < 20; i++) {
      slow.record(Duration.ofSeconds(3));
    }
    engine.evaluate();
    fast.record(Duration.ofMillis(1));
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).as("the slow method was not called in this window")
        .isEmpty();
    slow.record(Duration.ofSeconds(3));
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).containsExactly("latency:warning");
    assertThat(heard.get(0).value()).isBetween(2.5, 3.5);
  }

  @Test
  void aCriticalRuleThatShedsLoadSetsTheVerdictUntilItStepsDown() {
    AlertRuleSettings cpu = new AlertRuleSettings("cpu", "resource_cpu_budget_ratio", 0.8, 0.95, 0, 0.1, null, true);
    AlertRuleSettings memory = rule("memory_watch", "resource_rss_budget_ratio", 0.8, 0.95);
    AlertEngine engine = engine(cpu, memory);
    ResourcesSettings budgets = new ResourcesSettings(5, 100, 100, ScriptedSampler.GIB, 0, 0);
    ScriptedSampler sampler = new ScriptedSampler();

    snapshot.set(snapshotOf(sampler.rss(ScriptedSampler.GIB, 0), budgets));
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).containsExactly("memory_watch:critical");
    assertThat(engine.sheddingCause()).as("memory_watch does not shed load").isNull();

    snapshot.set(snapshotOf(sampler.cpu(0.9, 0.1), budgets));
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).containsExactly("cpu:critical");
    assertThat(engine.sheddingCause()).isEqualTo("cpu");
    assertThat(GovernanceMethods.alerts(engine.status()).getBoolean("load_shedding")).isTrue();
    assertThat(GovernanceMethods.alerts(engine.status()).getJsonArray("active").size()).isEqualTo(2);

    snapshot.set(snapshotOf(sampler.cpu(0.8, 0.0), budgets));
    assertThat(evaluateAfter(Duration.ofSeconds(5), engine)).containsExactly("cpu:warning");
    assertThat(engine.sheddingCause()).isNull();
  }

  private ResourceSnapshot snapshotOf(ScriptedSampler sampler, ResourcesSettings settings) {
    var sample = sampler.sample();
    return new ResourceSnapshot(clock.instant(), sample, ResourceBudgets.resolve(settings, sample), Map.of());
  }
}
