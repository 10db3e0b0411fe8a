package io.cameraservice.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.ScriptedSampler;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code system_metrics.cpu_usage} is the service's CPU over the resource monitor's last sample, the same figure
 * the budgets use, whoever else reads CPU meanwhile (a Prometheus scrape). Readings are scripted: the test cannot
 * make the machine's CPU a known value.
 */
class SystemMetricsCpuTest {

  @TempDir
  Path dir;

  private static double cpuUsage(RpcClient admin) {
    return admin.result("get_metrics", null).getJsonObject("system_metrics").getDouble("cpu_usage");
  }

  @Test
  void cpuUsageIsTheSampledServiceCpuAsAShareOfTheMachine() throws Exception {
    ScriptedSampler sampler = new ScriptedSampler().cpu(0.5, 1.0); // children's CPU is not this process's
    try (TestService service = TestService.start(dir, tree -> tree.putObject("resources")
            .put("sample_interval_seconds", 3600), Clock.systemUTC(), sampler);
        RpcClient admin = service.connect(Role.ADMIN)) {
      assertThat(cpuUsage(admin)).isEqualTo(25.0); // 0.5 of the scripted 2 cores
      assertThat(Http.get(service.port(), "/metrics").statusCode()).isEqualTo(200);
      assertThat(cpuUsage(admin)).isEqualTo(25.0);

      sampler.cpu(1.5, 0);
      service.evaluateGovernanceNow();
      assertThat(cpuUsage(admin)).isEqualTo(75.0);
      JsonObject system = admin.result("get_metrics", null).getJsonObject("system_metrics");
      assertThat(system.getInteger("cpu_cores")).isPositive();
    }
  }
}
