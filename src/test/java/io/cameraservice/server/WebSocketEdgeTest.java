package io.cameraservice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.RawWebSocket;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile WebSocket clients: what they may make the server hold, and that real clients still get in. */
class WebSocketEdgeTest {

  private static final int MIB = 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void unfinishedFragmentedMessagesOverTheLimitAreRefusedWith1009() throws Exception {
    try (TestService service = TestService.start(dir)) {
      List<RawWebSocket> hostile = new ArrayList<>();
      try {
        for (int i = 0; i < 24; i++) {
          RawWebSocket socket = RawWebSocket.open(service.port(), "/ws");
          assertThat(socket.upgraded()).isTrue();
          // 2 MiB, FIN=0, then nothing: before, the server held all of it until the idle timeout.
          socket.frame(false, RawWebSocket.TEXT, new byte[2 * MIB]);
          hostile.add(socket);
        }
        for (RawWebSocket socket : hostile) {
          assertThat(socket.awaitCloseCode()).as("closed as soon as the running total passes 1 MiB")
              .isEqualTo(1009);
        }
      } finally {
        hostile.forEach(RawWebSocket::close);
      }
      try (RpcClient client = service.connect(Role.VIEWER)) {
        assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
      }
    }
  }

  @Test
  void fragmentsAreCountedAsTheyArrive() throws Exception {
    try (TestService service = TestService.start(dir);
        RawWebSocket socket = RawWebSocket.open(service.port(), "/ws")) {
      // A fragmented message under the limit is joined and answered.
      socket.frame(false, RawWebSocket.TEXT, "{\"jsonrpc\":\"2.0\",".getBytes());
      socket.frame(true, RawWebSocket.CONTINUATION, "\"method\":\"ping\",\"id\":7}".getBytes());
      assertThat(new JsonObject(socket.nextText()).getValue("result")).isEqualTo("pong");
      // Many small fragments: refused once their sum passes the limit, long before the message ends.
      byte[] chunk = new byte[256 * 1024];
      socket.frame(false, RawWebSocket.TEXT, chunk);
      for (int i = 0; i < 4; i++) {
        socket.frame(false, RawWebSocket.CONTINUATION, chunk);
      }
      assertThat(socket.awaitCloseCode()).isEqualTo(1009);
    }
  }

  @Test
  void unauthenticatedSocketsHaveABudgetAndADeadlineThatPingDoesNotExtend() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .put("auth_timeout_seconds", 2).put("max_unauthenticated_connections", 6))) {
      List<RawWebSocket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          RawWebSocket socket = RawWebSocket.open(service.port(), "/ws");
          assertThat(socket.upgraded()).isTrue();
          idle.add(socket);
        }
        try (RawWebSocket over = RawWebSocket.open(service.port(), "/ws")) {
          assertThat(over.status).as("the unauthenticated budget is spent").contains(" 503 ");
        }
        long start = System.nanoTime();
        String ping = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}";
        RawWebSocket pinging = idle.get(0);
        pinging.text(ping);
        assertThat(pinging.nextText()).contains("pong");
        pinging.text(ping);
        for (RawWebSocket socket : idle) {
          assertThat(socket.awaitCloseCode()).as("closed at the deadline, pings or not").isEqualTo(1008);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      } finally {
        idle.forEach(RawWebSocket::close);
      }
      // The budget is free again, and an authenticated client keeps its socket past the deadline.
      try (RpcClient client = service.connect(Role.VIEWER)) {
        assertThat(client.silentFor(Duration.ofSeconds(3))).isTrue();
        assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
      }
      assertThat(Http.metric(service.port(), "auth_timeout_disconnects_total")).isEqualTo(6.0);
    }
  }
}
