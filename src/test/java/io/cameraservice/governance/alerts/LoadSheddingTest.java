package io.cameraservice.governance.alerts;

import io.cameraservice.rpc.Access;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.ScriptedSampler;
import io.cameraservice.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At critical CPU (driven by scripted readings: the test cannot make the machine's CPU critical on purpose) an
 * operator's control and file calls are refused with -32040 overloaded, while ping, authenticate, status reads and
 * admin calls still answer; when the alert steps down, the work is admitted again.
 */
class LoadSheddingTest {

  private static final String CPU_RULE = "{name: cpu, metric: resource_cpu_budget_ratio, warning: 0.8, "
      + "critical: 0.95, for_seconds: 0, hysteresis: 0.1, shed_load: true}";

  @TempDir
  Path dir;

  /**
   * A control and a file method. Builds without the camera or file features get stand-ins of the same name and
   * class; with them, the real methods are used (the gate refuses before their parameters are even read).
   */
  private static void ensureControlAndFileMethods(MethodRegistry methods) {
    for (MethodSpec spec : new MethodSpec[] {
        standIn("take_snapshot", RateClass.CONTROL), standIn("list_recordings", RateClass.FILE)}) {
      if (methods.find(spec.name()) == null) {
        methods.register(spec);
      }
    }
    assertThat(methods.find("take_snapshot").rateClass()).isEqualTo(RateClass.CONTROL);
    assertThat(methods.find("list_recordings").rateClass()).isEqualTo(RateClass.FILE);
  }

  private static MethodSpec standIn(String name, RateClass rateClass) {
    return MethodSpec.method(name, Access.OPERATOR, rateClass).summary("a stand-in").returns("{stand_in: true}")
        .handledBy(call -> Future.succeededFuture(new JsonObject().put("stand_in", true)));
  }

  private static boolean shed(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    return error != null && error.getInteger("code") == -32040
        && "overloaded".equals(error.getJsonObject("data").getString("reason"));
  }

  @Test
  void controlAndFileWorkIsRefusedWhilePingAuthenticateAndStatusAnswer() throws Exception {
    ScriptedSampler sampler = new ScriptedSampler();
    try (TestService service = TestService.start(dir, tree -> SystemAlertNotificationTest.governedByTheTest(tree,
            CPU_RULE), MutableClock.startingNow(), sampler);
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient admin = service.connect(Role.ADMIN);
        RpcClient anonymous = service.connect()) {
      ensureControlAndFileMethods(service.service().methods());
      JsonObject snapshotParams = new JsonObject().put("device", "camera0");
      assertThat(shed(operator.call("take_snapshot", snapshotParams))).as("calm: admitted").isFalse();

      sampler.cpu(0.7, 0.3); // 1.0 core against a budget of 1.0 (cpu_percent 100)
      assertThat(SystemAlertNotificationTest.evaluate(service)).extracting(AlertTransition::severity)
          .containsExactly("critical");

      JsonObject refused = operator.call("take_snapshot", snapshotParams);
      assertThat(refused.getJsonObject("error").getInteger("code")).isEqualTo(-32040);
      assertThat(refused.getJsonObject("error").getJsonObject("data")).isEqualTo(new JsonObject()
          .put("reason", "overloaded").put("retry_after_ms", 3_600_000).put("limit", 0)
          .put("scope", "load_shedding").put("alert", "cpu"));
      assertThat(shed(operator.call("list_recordings", new JsonObject()))).isTrue();

      assertThat(operator.call("ping").getString("result")).isEqualTo("pong");
      assertThat(operator.authenticate(service.token(Role.OPERATOR)).getBoolean("authenticated")).isTrue();
      assertThat(operator.result("get_system_status", null).getString("status")).isNotBlank();
      assertThat(operator.result("get_server_info", null).getString("name")).isEqualTo("camera-service");
      JsonObject metrics = admin.result("get_metrics", null);
      assertThat(metrics.getJsonObject("alerts").getBoolean("load_shedding")).isTrue();
      assertThat(metrics.getJsonObject("alerts").getString("load_shedding_cause")).isEqualTo("cpu");
      assertThat(anonymous.call("ping").getString("result")).isEqualTo("pong");
      assertThat(anonymous.call("take_snapshot", snapshotParams).getJsonObject("error").getInteger("code"))
          .as("no session: the auth gate answers first").isEqualTo(-32001);

      assertThat(Http.metric(service.port(), "rpc_rejections_total{scope=\"load_shedding\"}")).isEqualTo(2.0);

      // Downloads are file work too: refused with 503 and Retry-After before the catalog is consulted.
      java.net.http.HttpResponse<byte[]> download = Http.fetch(service.port(), "/files/recordings/any.mp4",
          "Authorization", "Bearer " + service.token(Role.VIEWER));
      assertThat(download.statusCode()).isEqualTo(503);
      assertThat(download.headers().firstValue("Retry-After")).hasValue("3600");
      assertThat(new JsonObject(new String(download.body())).getJsonObject("error").getJsonObject("data")
          .getString("reason")).isEqualTo("overloaded");

      sampler.cpu(0.8, 0.0); // 0.8: below critical by more than the hysteresis, still a warning
      assertThat(SystemAlertNotificationTest.evaluate(service)).extracting(AlertTransition::severity)
          .containsExactly("warning");
      assertThat(shed(operator.call("take_snapshot", snapshotParams))).isFalse();
      assertThat(shed(operator.call("list_recordings", new JsonObject()))).isFalse();
    }
  }
}
