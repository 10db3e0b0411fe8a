package io.cameraservice.governance.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cameraservice.auth.Role;
import io.cameraservice.rpc.Timestamps;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.ScriptedSampler;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service with scripted resource readings (the test JVM's own memory cannot be steered) and a hand-moved
 * clock: a memory alert fires and resolves as system_alert notifications that reach admins only.
 */
class SystemAlertNotificationTest {

  private static final long MIB = 1L << 20;

  @TempDir
  Path dir;

  /** Periodic runs are pushed out of the test's way; the test evaluates when it wants. */
  static void governedByTheTest(ObjectNode tree, String rule) {
    tree.putObject("resources").put("sample_interval_seconds", 3600).put("rss_bytes", 1000 * MIB)
        .put("cpu_percent", 100);
    ObjectNode alerts = tree.putObject("alerts").put("evaluation_interval_seconds", 3600);
    try {
      alerts.putArray("rules").add(new ObjectMapper(new YAMLFactory()).readTree(rule));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(rule, e);
    }
  }

  static List<AlertTransition> evaluate(TestService service) {
    return service.evaluateGovernanceNow();
  }

  @Test
  void alertsReachSubscribedAdminsAndNotViewers() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    ScriptedSampler sampler = new ScriptedSampler();
    try (TestService service = TestService.start(dir, tree -> governedByTheTest(tree,
            "{name: memory, metric: resource_rss_budget_ratio, warning: 0.8, critical: 0.95, for_seconds: 10, "
                + "hysteresis: 0.05, shed_load: true}"), clock, sampler);
        RpcClient admin = service.connect(Role.ADMIN);
        RpcClient viewer = service.connect(Role.VIEWER)) {
      admin.result("subscribe_events", new JsonObject().put("topics", new JsonArray().add("system.alert")));
      JsonObject refused = viewer.call("subscribe_events",
          new JsonObject().put("topics", new JsonArray().add("system.alert")));
      assertThat(refused.getJsonObject("error").getInteger("code")).isEqualTo(-32002);
      viewer.result("subscribe_events", new JsonObject().put("topics", new JsonArray().add("system.health")
          .add("system.startup").add("system.shutdown").add("camera.*")));

      sampler.rss(850 * MIB, 50 * MIB);
      assertThat(evaluate(service)).as("0.9 of the budget, held 0 s of 10").isEmpty();
      clock.advance(Duration.ofSeconds(10));
      assertThat(evaluate(service)).extracting(AlertTransition::severity).containsExactly("warning");

      JsonObject warning = admin.awaitNotification(n -> "system_alert".equals(n.getString("method")));
      JsonObject params = warning.getJsonObject("params");
      assertThat(params.fieldNames())
          .containsExactlyInAnyOrder("alert", "severity", "value", "threshold", "message", "timestamp");
      assertThat(params.getString("alert")).isEqualTo("memory");
      assertThat(params.getString("severity")).isEqualTo("warning");
      assertThat(params.getDouble("value")).isEqualTo(0.9);
      assertThat(params.getDouble("threshold")).isEqualTo(0.8);
      assertThat(params.getString("message")).startsWith("memory warning: resource_rss_budget_ratio is 0.9");
      assertThat(params.getString("timestamp")).isEqualTo(Timestamps.format(clock.instant()));

      // The viewer's socket got the alert, if at all, before the answer to this ping: nothing may be queued.
      assertThat(viewer.call("ping").getString("result")).isEqualTo("pong");
      assertThat(viewer.silentFor(Duration.ZERO)).isTrue();

      assertThat(Http.metric(service.port(), "alerts_active{alert=\"memory\",severity=\"warning\"}"))
          .isEqualTo(1.0);
      JsonObject metrics = admin.result("get_metrics", null);
      assertThat(metrics.getJsonObject("alerts").getJsonArray("active").getJsonObject(0).getString("alert"))
          .isEqualTo("memory");
      assertThat(metrics.getJsonObject("resources").getJsonObject("memory").getDouble("rss_budget_ratio"))
          .isEqualTo(0.9);

      sampler.rss(700 * MIB, 0);
      clock.advance(Duration.ofSeconds(5));
      assertThat(evaluate(service)).extracting(AlertTransition::severity).containsExactly("resolved");
      JsonObject resolved = admin.awaitNotification(n -> "system_alert".equals(n.getString("method")))
          .getJsonObject("params");
      assertThat(resolved.getString("severity")).isEqualTo("resolved");
      assertThat(resolved.getDouble("value")).isEqualTo(0.7);
      assertThat(resolved.getDouble("threshold")).isEqualTo(0.8);
      assertThat(Http.metric(service.port(), "alerts_active{alert=\"memory\",severity=\"warning\"}"))
          .isEqualTo(0.0);
      assertThat(Http.metric(service.port(), "alert_transitions_total{alert=\"memory\",severity=\"resolved\"}"))
          .isEqualTo(1.0);
      assertThat(viewer.call("ping").getString("result")).isEqualTo("pong");
      assertThat(viewer.silentFor(Duration.ZERO)).isTrue();
    }
  }
}
