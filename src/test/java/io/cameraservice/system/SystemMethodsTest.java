package io.cameraservice.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.SharedService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SystemMethodsTest {

  @RegisterExtension
  static final SharedService SHARED = new SharedService();

  @Test
  void serverInfoHasTheContractFields() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      JsonObject info = client.result("get_server_info", null);
      assertThat(info.getString("name")).isEqualTo("camera-service");
      assertThat(info.getString("version")).isNotBlank();
      assertThat(info.getString("build_date")).isNotBlank();
      assertThat(info.getString("architecture")).isEqualTo(System.getProperty("os.arch"));
      assertThat(info.getJsonArray("capabilities").getList()).contains("json_rpc_2.0");
      assertThat(info.getJsonArray("supported_formats")).isNotNull();
      assertThat(info.getInteger("max_cameras")).isEqualTo(16);
    }
  }

  @Test
  void statusReportsTheContractComponents() {
    try (RpcClient client = SHARED.get().connect(Role.ADMIN)) {
      JsonObject status = client.result("get_status", null);
      assertThat(status.getString("status")).isIn("HEALTHY", "DEGRADED", "UNHEALTHY");
      assertThat(status.getLong("uptime")).isGreaterThanOrEqualTo(0);
      assertThat(status.getString("version")).isNotBlank();
      JsonObject components = status.getJsonObject("components");
      assertThat(components.getString("websocket_server")).isEqualTo("RUNNING");
      for (String key : new String[] {"camera_monitor", "mediamtx"}) {
        assertThat(components.getString(key)).isIn("RUNNING", "STOPPED", "ERROR", "STARTING", "STOPPING");
      }
    }
  }

  @Test
  void systemStatusSaysReadyAndListsCameras() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      JsonObject status = client.result("get_system_status", null);
      assertThat(status.getString("status")).isIn("starting", "partial", "ready");
      assertThat(status.getString("message")).isNotBlank();
      assertThat(status.getJsonArray("available_cameras")).isNotNull();
      assertThat(status.getBoolean("discovery_active")).isNotNull();
    }
  }

  @Test
  void metricsCarrySystemAndPerMethodFigures() {
    try (RpcClient client = SHARED.get().connect(Role.ADMIN)) {
      for (int i = 0; i < 5; i++) {
        client.call("ping");
      }
      JsonObject metrics = client.result("get_metrics", null);
      assertThat(metrics.getString("timestamp")).endsWith("Z");
      JsonObject system = metrics.getJsonObject("system_metrics");
      assertThat(system.getValue("cpu_usage")).isInstanceOf(Number.class);
      assertThat(system.getDouble("memory_usage")).isBetween(0.0, 100.0);
      assertThat(system.getDouble("disk_usage")).isBetween(0.0, 100.0);
      assertThat(system.getLong("rss_bytes")).isPositive();
      JsonObject ping = metrics.getJsonObject("rpc_metrics").getJsonObject("methods").getJsonObject("ping");
      assertThat(ping.getLong("count")).isGreaterThanOrEqualTo(5);
      assertThat(ping.getDouble("p50_ms")).isGreaterThanOrEqualTo(0.0);
      assertThat(ping.containsKey("p95_ms")).isTrue();
      assertThat(ping.containsKey("p99_ms")).isTrue();
      assertThat(metrics.getJsonObject("rpc_metrics").getInteger("connections")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void connectionsSpreadOverTheEventLoopsOnAnEphemeralPort() {
    // The shared test service runs two event loops on a port it asked for as 0.
    java.util.List<RpcClient> clients = new java.util.ArrayList<>();
    try (RpcClient admin = SHARED.get().connect(Role.ADMIN)) {
      for (int i = 0; i < 7; i++) {
        clients.add(SHARED.get().connect());
      }
      JsonObject perLoop = admin.result("get_metrics", null).getJsonObject("rpc_metrics")
          .getJsonObject("connections_per_event_loop");
      assertThat(perLoop.fieldNames()).hasSize(2);
      perLoop.forEach(e -> assertThat((Integer) e.getValue()).as(e.getKey()).isGreaterThanOrEqualTo(2));
    } finally {
      clients.forEach(RpcClient::close);
    }
  }
}
