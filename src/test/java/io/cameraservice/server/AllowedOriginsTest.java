package io.cameraservice.server;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.RawWebSocket;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.allowed_origins} on a real server: which browser origins may open {@code /ws} and {@code /live/*.ws}
 * (raw upgrades with a chosen {@code Origin}), and which get CORS headers on the HTTP routes.
 */
class AllowedOriginsTest {

  private static final String LISTED = "https://console.example:8443";

  @TempDir
  Path dir;

  private static TestService start(Path dir) {
    return TestService.start(dir, testPatterns(1).andThen(tree -> tree.withObject("/server")
        .putArray("allowed_origins").add(LISTED)));
  }

  @Test
  void webSocketUpgradesFromOtherOriginsAreRefusedBeforeTheUpgrade() throws Exception {
    try (TestService service = start(dir)) {
      int port = service.port();
      String own = "http://127.0.0.1:" + port;
      assertThat(upgrade(port, "/ws", null)).as("no Origin: not a browser").isEqualTo(101);
      assertThat(upgrade(port, "/ws", own)).as("the service's own origin").isEqualTo(101);
      assertThat(upgrade(port, "/ws", "HTTP://127.0.0.1:" + port)).as("compared case-insensitively").isEqualTo(101);
      assertThat(upgrade(port, "/ws", LISTED)).isEqualTo(101);
      assertThat(upgrade(port, "/ws", "https://console.example:8443")).isEqualTo(101);
      assertThat(upgrade(port, "/ws", "https://evil.example")).isEqualTo(403);
      assertThat(upgrade(port, "/ws", "https://console.example")).as("another port is another origin")
          .isEqualTo(403);
      assertThat(upgrade(port, "/ws", "http://console.example:8443")).as("another scheme").isEqualTo(403);
      assertThat(upgrade(port, "/ws", "https://127.0.0.1:" + port)).isEqualTo(403);
      assertThat(upgrade(port, "/ws", "null")).as("sandboxed pages and file: send null").isEqualTo(403);

      // A refused upgrade is an HTTP answer: the socket never speaks WebSocket.
      try (RawWebSocket refused = RawWebSocket.open(port, "/ws", "https://evil.example", 0)) {
        assertThat(refused.status).startsWith("HTTP/1.1 403");
        assertThat(refused.upgraded()).isFalse();
      }

      String link = "/live/camera0.ws?" + service.service().links().query("camera0");
      assertThat(upgrade(port, link, "https://evil.example")).as("even with a valid signed link").isEqualTo(403);
      assertThat(upgrade(port, link, LISTED)).isEqualTo(101);
      assertThat(upgrade(port, "/live/camera0.ws?" + service.service().links().query("camera0"), own))
          .isEqualTo(101);
      assertThat(upgrade(port, "/live/camera0.ws", LISTED)).as("an allowed origin still needs credentials")
          .isEqualTo(401);
      assertThat(Http.metric(port, "websocket_origin_rejections_total")).isEqualTo(7);
    }
  }

  @Test
  void corsHeadersGoToAllowedOriginsOnly() throws Exception {
    try (TestService service = start(dir)) {
      int port = service.port();
      HttpResponse<byte[]> listed = Http.fetch(port, "/health/live", "Origin", LISTED);
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LISTED);
      assertThat(listed.headers().allValues("Vary")).contains("Origin");
      assertThat(listed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

      HttpResponse<byte[]> other = Http.fetch(port, "/health/live", "Origin", "https://evil.example");
      assertThat(other.statusCode()).as("answered; the browser keeps it from the page").isEqualTo(200);
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(other.headers().allValues("Vary")).contains("Origin");

      assertThat(Http.fetch(port, "/health/live").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

      String token = service.token(Role.VIEWER);
      HttpResponse<byte[]> snapshot = Http.fetch(port, "/snapshot/camera0.jpg", "Origin", LISTED,
          "Authorization", "Bearer " + token);
      assertThat(snapshot.statusCode()).isEqualTo(200);
      assertThat(snapshot.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LISTED);
    }
  }

  @Test
  void preflightsAreAnsweredForAllowedOriginsOnly() throws Exception {
    try (TestService service = start(dir)) {
      int port = service.port();
      HttpResponse<byte[]> allowed = Http.send("OPTIONS", port, "/snapshot/camera0.jpg", "Origin", LISTED,
          "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
      assertThat(allowed.statusCode()).isEqualTo(204);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LISTED);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET");
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
          .contains("Authorization", "X-API-Key", "Range");

      HttpResponse<byte[]> refused = Http.send("OPTIONS", port, "/snapshot/camera0.jpg", "Origin",
          "https://evil.example", "Access-Control-Request-Method", "GET");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(new String(refused.body())).contains("server.allowed_origins");
    }
  }

  @Test
  void theDefaultAllowsTheOwnOriginAndClientsWithoutOne() throws Exception {
    try (TestService service = TestService.start(dir)) {
      int port = service.port();
      assertThat(upgrade(port, "/ws", null)).isEqualTo(101);
      assertThat(upgrade(port, "/ws", "http://127.0.0.1:" + port)).isEqualTo(101);
      assertThat(upgrade(port, "/ws", "http://localhost:" + port)).as("another host name").isEqualTo(403);
      assertThat(upgrade(port, "/ws", LISTED)).isEqualTo(403);
    }
  }

  @Test
  void aStarAllowsEveryOrigin() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .putArray("allowed_origins").add("*"))) {
      assertThat(upgrade(service.port(), "/ws", "https://anything.example")).isEqualTo(101);
      HttpResponse<byte[]> answer = Http.fetch(service.port(), "/health/live", "Origin", "https://anything.example");
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://anything.example");
    }
  }

  /** The status of a raw upgrade; an upgraded socket must also answer a request, to show it really speaks JSON-RPC. */
  private static int upgrade(int port, String path, String origin) throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(port, path, origin, 0)) {
      int status = Integer.parseInt(socket.status.split(" ")[1]);
      if (status == 101 && path.equals("/ws")) {
        socket.text("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}");
        assertThat(new JsonObject(socket.nextText()).getValue("result")).isEqualTo("pong");
      }
      return status;
    }
  }
}
