package io.cameraservice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RawWebSocket;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebSocket session gives its HTTP connection count back however it ends. Before, the count of every upgraded
 * connection stayed forever: after {@code max_http_connections_per_address} sessions the address was refused on
 * every route, {@code /health/live} included. The sessions come from 127.0.0.2 (its cap is 4 here, and 10 sessions
 * end each way); the metrics scrape comes from 127.0.0.1.
 */
class WebSocketConnectionCountTest {

  private static final String SOURCE = "127.0.0.2";
  private static final int SESSIONS_EACH_WAY = 10;

  @TempDir
  Path dir;

  @Test
  void everyWayASessionEndsGivesItsConnectionBack() throws Exception {
    try (TestService service = TestService.start(dir, tree -> {
      tree.withObject("/server").put("max_http_connections_per_address", 4).put("auth_timeout_seconds", 1)
          .put("max_message_bytes", 1024);
      tree.withObject("/limits").withObject("/new_connections_per_address").put("per_second", 1000).put("burst", 1000);
    })) {
      int port = service.port();
      String token = TestService.mint(Role.VIEWER);
      for (int i = 0; i < SESSIONS_EACH_WAY; i++) {
        try (RawWebSocket socket = open(port)) {
          socket.text(authenticate(token));
          assertThat(socket.nextText()).contains("\"result\"");
          socket.frame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe8});
          assertThat(socket.awaitCloseCode()).as("the server answers the client's close").isEqualTo(1000);
        }
        try (RawWebSocket socket = open(port)) {
          socket.frame(false, RawWebSocket.TEXT, new byte[2048]);
          assertThat(socket.awaitCloseCode()).as("a message over max_message_bytes").isEqualTo(1009);
        }
        try (RawWebSocket socket = open(port)) {
          assertThat(socket.awaitCloseCode()).as("no authentication within 1 s").isEqualTo(1008);
        }
        RawWebSocket reset = open(port);
        reset.text(authenticate(token));
        assertThat(reset.nextText()).contains("\"result\"");
        reset.reset();
      }
      // Only the scrape's own connection is left.
      Poll.until("every session's connection to be given back", () -> Http.metric(port, "http_connections"),
          n -> n == 1.0, Duration.ofSeconds(10));
      assertThat(healthLiveFrom(SOURCE, port)).startsWith("HTTP/1.1 200");
      assertThat(Http.metric(port,
          "http_connection_rejections_total{scope=\"max_http_connections_per_address\"}")).isZero();
    }
  }

  private static RawWebSocket open(int port) throws IOException {
    RawWebSocket socket = RawWebSocket.open(SOURCE, port, "/ws", null, 0);
    assertThat(socket.status).as("upgrade from %s", SOURCE).contains(" 101 ");
    return socket;
  }

  private static String authenticate(String token) {
    return new JsonObject().put("jsonrpc", "2.0").put("method", "authenticate").put("id", 1)
        .put("params", new JsonObject().put("auth_token", token)).encode();
  }

  /** The status line of {@code GET /health/live} sent from {@code source}. */
  private static String healthLiveFrom(String source, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
