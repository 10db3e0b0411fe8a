package io.cameraservice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static JsonObject suite(double rps, double p99, double cpu, double growth) {
    return new JsonObject().put("scenarios", new JsonObject()
        .put("ping_16", new JsonObject().put("throughput_rps", rps)
            .put("latency_ms", new JsonObject().put("p50", 0.1).put("p99", p99))
            .put("server", new JsonObject().put("cpu_us_per_request", cpu).put("rss_bytes", 1)))
        .put("soak", new JsonObject().put("rss_growth_percent", growth)));
  }

  @Test
  void withinToleranceIsNoRegression() {
    Comparison c = new Comparison(0.15, 0.5, 3);
    List<JsonObject> rows = c.compare(suite(1000, 1.0, 10, 1.0), suite(900, 1.4, 11, 3.5));
    assertThat(rows).hasSize(4);
    assertThat(c.regressed()).isFalse();
  }

  @Test
  void eachFigureRegressesOnItsOwnTerms() {
    Comparison throughput = new Comparison(0.15, 0.5, 3);
    throughput.compare(suite(1000, 1.0, 10, 1.0), suite(800, 1.0, 10, 1.0));
    assertThat(throughput.regressed()).isTrue();

    Comparison latency = new Comparison(0.15, 0.5, 3);
    latency.compare(suite(1000, 1.0, 10, 1.0), suite(1000, 1.6, 10, 1.0));
    assertThat(latency.regressed()).isTrue();

    Comparison cpu = new Comparison(0.15, 0.5, 3);
    cpu.compare(suite(1000, 1.0, 10, 1.0), suite(1000, 1.0, 12, 1.0));
    assertThat(cpu.regressed()).isTrue();

    Comparison growth = new Comparison(0.15, 0.5, 3);
    List<JsonObject> rows = growth.compare(suite(1000, 1.0, 10, 1.0), suite(1000, 1.0, 10, 4.5));
    assertThat(growth.regressed()).isTrue();
    assertThat(rows.stream().filter(r -> r.getBoolean("regression")).map(r -> r.getString("figure")))
        .containsExactly("soak.rss_growth_percent");
  }

  @Test
  void improvementsAreNotRegressions() {
    Comparison c = new Comparison(0.15, 0.5, 3);
    c.compare(suite(1000, 1.0, 10, 1.0), suite(2000, 0.5, 5, 0.0));
    assertThat(c.regressed()).isFalse();
  }

  @Test
  void theCommittedBaselineComparesWithResultsThatHaveMoreScenariosAndFields() throws Exception {
    JsonObject baseline = new JsonObject(Files.readString(Path.of("bench/baseline.json")));
    int figuresOfTheBaseline = new Comparison(0.15, 0.5, 3).compare(baseline, baseline).size();
    JsonObject current = baseline.copy();
    JsonObject scenarios = current.getJsonObject("scenarios");
    JsonObject ping = scenarios.getJsonObject("ping_16");
    ping.put("in_flight_per_connection", 1);
    ping.getJsonObject("generator").put("cpu_vs_server", 0.4);
    scenarios.getJsonObject("ping_16_bare_vertx").getJsonObject("generator").putNull("cpu_vs_server");
    scenarios.put("ping_16x8", ping.copy().put("in_flight_per_connection", 8));

    Comparison c = new Comparison(0.15, 0.5, 3);
    List<JsonObject> rows = c.compare(baseline, current);
    assertThat(figuresOfTheBaseline).isPositive();
    assertThat(rows).hasSize(figuresOfTheBaseline);
    assertThat(rows).extracting(r -> r.getString("figure")).noneMatch(f -> f.startsWith("ping_16x8."));
    assertThat(c.regressed()).isFalse();
  }
}
