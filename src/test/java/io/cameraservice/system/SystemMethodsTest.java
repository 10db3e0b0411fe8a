package io.cameraservice.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.SharedService;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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
      assertThat(info.getJsonArray("supported_formats").getList()).contains("mp4", "jpg");
      assertThat(info.getInteger("max_cameras")).isEqualTo(16);
    }
  }

  @Test
  void statusReportsTheContractComponents() {
    SHARED.get().awaitCatalog();
    try (RpcClient client = SHARED.get().connect(Role.ADMIN)) {
      JsonObject status = client.result("get_status", null);
      assertThat(status.getString("status")).isEqualTo("HEALTHY");
      assertThat(status.getString("version")).isEqualTo(client.result("get_server_info", null).getString("version"));
      JsonObject components = status.getJsonObject("components");
      assertThat(components.getString("websocket_server")).isEqualTo("RUNNING");
      assertThat(components.getString("camera_monitor")).as("the first V4L2 scan is done").isEqualTo("RUNNING");
      assertThat(components.getString("ffmpeg")).as("ffmpeg runs here").isEqualTo("RUNNING");
      assertThat(components.getString("mediamtx")).as("the contract's key for the media backend")
          .isEqualTo("RUNNING");
    }
  }

  @Test
  void uptimeCountsTheServiceClockFromStart(@TempDir Path dir) {
    MutableClock clock = MutableClock.startingNow();
    try (TestService service = TestService.start(dir, tree -> {}, clock);
        RpcClient client = service.connect(Role.ADMIN)) {
      assertThat(client.result("get_status", null).getLong("uptime")).isZero();
      clock.advance(Duration.ofSeconds(90).plusMillis(999));
      assertThat(client.result("get_status", null).getLong("uptime")).isEqualTo(90);
    }
  }

  @Test
  void systemStatusSaysReadyAndListsCameras() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      JsonObject status = client.result("get_system_status", null);
      // The shared service has no configured cameras and this host no V4L2 devices.
      assertThat(status.getString("status")).isEqualTo("ready");
      assertThat(status.getString("message")).isEqualTo("service ready, no cameras found");
      assertThat(status.getJsonArray("available_cameras")).isEmpty();
      assertThat(status.getBoolean("discovery_active")).as("V4L2 discovery is on by default").isTrue();
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
      double p50 = ping.getDouble("p50_ms");
      assertThat(p50).as("five calls were timed").isPositive();
      assertThat(ping.getDouble("p95_ms")).isGreaterThanOrEqualTo(p50);
      assertThat(ping.getDouble("p99_ms")).isGreaterThanOrEqualTo(ping.getDouble("p95_ms"));
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
