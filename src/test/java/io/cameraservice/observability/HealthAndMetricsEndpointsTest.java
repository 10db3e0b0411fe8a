package io.cameraservice.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMetricsEndpointsTest {

  /** One sample line of the Prometheus text format: name, optional labels, value. */
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
          + "(-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

  @TempDir
  Path dir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthEndpointsAnswer() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    try (TestService service = TestService.start(dir, tree -> {}, clock)) {
      String base = "http://127.0.0.1:" + service.port();
      HttpResponse<String> live = get(base + "/health/live", null);
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(live.body()).getBoolean("alive")).isTrue();

      HttpResponse<String> ready = get(base + "/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(ready.body()).getBoolean("ready")).isTrue();

      JsonObject health = new JsonObject(get(base + "/health", null).body());
      assertThat(health.getString("status")).isEqualTo("HEALTHY");
      assertThat(health.getString("timestamp")).endsWith("Z");
      assertThat(health.getString("version")).isNotBlank();
      assertThat(health.getLong("uptime")).as("on the service clock, not moved yet").isZero();
      clock.advance(Duration.ofMinutes(2));
      assertThat(new JsonObject(get(base + "/health", null).body()).getLong("uptime")).isEqualTo(120);

      JsonObject components = new JsonObject(get(base + "/health/detailed", null).body())
          .getJsonObject("components");
      assertThat(components.getJsonObject("websocket_server").getString("state")).isEqualTo("RUNNING");
      assertThat(components.getJsonObject("ffmpeg").getString("state")).as("ffmpeg runs here").isEqualTo("RUNNING");
      assertThat(components.containsKey("mediamtx")).as("the contract's key is for get_status only").isFalse();
    }
  }

  @Test
  void metricsAreValidPrometheusTextWithPerMethodFigures() throws Exception {
    try (TestService service = TestService.start(dir); RpcClient client = service.connect(Role.VIEWER)) {
      client.call("ping");
      client.call("get_server_info");
      client.call("no_such_method");
      HttpResponse<String> response = get("http://127.0.0.1:" + service.port() + "/metrics", null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      String text = response.body();
      for (String line : text.split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          assertThat(SAMPLE.matcher(line).matches()).as(line).isTrue();
        }
      }
      assertThat(text).contains("rpc_requests_total{method=\"ping\"}")
          .contains("rpc_request_duration_seconds_bucket{method=\"ping\",le=")
          .contains("rpc_request_duration_seconds_count{method=\"get_server_info\"}")
          .contains("rpc_errors_total{code=\"-32601\",method=\"unknown\"}")
          .contains("ws_connections_open");
    }
  }

  @Test
  void metricsNeedAdminCredentialsFromOtherAddresses() throws Exception {
    Optional<InetAddress> external = externalAddress();
    Assumptions.assumeTrue(external.isPresent(), "needs a non-loopback IPv4 address on this host");
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server").put("host", "0.0.0.0"))) {
      String url = "http://" + external.get().getHostAddress() + ":" + service.port() + "/metrics";
      HttpResponse<String> anonymous = get(url, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(get(url, "not-a-token").statusCode()).isEqualTo(403);
      HttpResponse<String> viewer = get(url, service.token(Role.VIEWER));
      assertThat(viewer.statusCode()).isEqualTo(403);
      assertThat(new io.vertx.core.json.JsonObject(viewer.body()).getJsonObject("error").getJsonObject("data")
          .getString("required_role")).isEqualTo("admin");
      HttpResponse<String> admin = get(url, service.token(Role.ADMIN));
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(admin.body()).contains("ws_connections_open");
    }
  }

  private static Optional<InetAddress> externalAddress() throws Exception {
    List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
    return interfaces.stream().filter(i -> {
      try {
        return i.isUp() && !i.isLoopback();
      } catch (Exception e) {
        return false;
      }
    }).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
  }
}
