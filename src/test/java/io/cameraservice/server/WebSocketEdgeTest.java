package io.cameraservice.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RawWebSocket;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Hostile WebSocket clients: what they may make the server hold, and that real clients still get in. */
class WebSocketEdgeTest {

  private static final int MIB = 1024 * 1024;
  private static final int BATCH = 50;

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
          authenticate(socket, service);
          // 2 MiB, FIN=0, then nothing: before, the server held all of it until the idle timeout. (Before
          // authenticating, a socket is refused far sooner: see the max_unauthenticated_message_bytes tests.)
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
      authenticate(socket, service);
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
  void unauthenticatedSocketsHaveADeadlineThatPingDoesNotExtend() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .put("auth_timeout_seconds", 2))) {
      List<RawWebSocket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          RawWebSocket socket = RawWebSocket.open(service.port(), "/ws");
          assertThat(socket.upgraded()).isTrue();
          idle.add(socket);
        }
        long start = System.nanoTime();
        String ping = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}";
        RawWebSocket pinging = idle.get(idle.size() - 1);
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
      // An authenticated client keeps its socket past the deadline.
      try (RpcClient client = service.connect(Role.VIEWER)) {
        assertThat(client.silentFor(Duration.ofSeconds(3))).isTrue();
        assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
      }
      assertThat(Http.metric(service.port(), "auth_timeout_disconnects_total")).isEqualTo(6.0);
    }
  }

  @Test
  void aClientThatNeverReadsLosesItsTcpConnectionAfterTheGracePeriod() throws Exception {
    try (TestService service = TestService.start(dir, tree -> {
      tree.withObject("/server").put("outbound_buffer_bytes", 4096);
      tree.withObject("/limits").put("slow_consumer_grace_seconds", 2);
      tree.withObject("/limits").withObject("/rates").withObject("/status").put("per_second", 1_000_000)
          .put("burst", 1_000_000);
    }); RawWebSocket socket = RawWebSocket.open(service.port(), "/ws", null, 4096)) {
      socket.text(new JsonObject().put("jsonrpc", "2.0").put("method", "authenticate").put("id", 0)
          .put("params", new JsonObject().put("auth_token", TestService.mint(Role.VIEWER))).encode());
      assertThat(new JsonObject(socket.nextText()).containsKey("result")).isTrue();
      int clientPort = socket.localPort();
      Thread writer = new Thread(() -> {
        try {
          for (int b = 0; b < 1000; b++) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 50; i++) {
              batch.add(new JsonObject().put("jsonrpc", "2.0").put("method", "get_server_info").put("id", i));
            }
            socket.text(batch.encode());
          }
        } catch (IOException closedByTheServer) {
          // expected once the server resets the connection
        }
      });
      writer.setDaemon(true);
      writer.start();
      Poll.until("the slow consumer to be cut off", () -> Http.metric(service.port(), "slow_consumer_disconnects_total"),
          v -> v == 1.0, Duration.ofSeconds(30));
      // The client has not read a byte; before, the connection stayed ESTABLISHED with the answers unsent.
      Poll.until("the TCP connection to be gone", () -> tcpConnectionOpen(clientPort, service.port()),
          open -> !open, Duration.ofSeconds(5));
      Poll.until("the socket to leave the registry", () -> Http.metric(service.port(), "ws_connections_open"),
          v -> v == 0.0, Duration.ofSeconds(5));
    }
  }

  @Test
  void withTheDefaultBuffersANonReaderIsPausedAndResetWithoutAStackTrace() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try (TestService service = TestService.start(dir, tree -> {
      tree.withObject("/limits").put("slow_consumer_grace_seconds", 2);
      tree.withObject("/limits").withObject("/rates").withObject("/status").put("per_second", 1_000_000)
          .put("burst", 1_000_000);
    }); RawWebSocket socket = RawWebSocket.open(service.port(), "/ws", null, 4096)) {
      int port = service.port();
      socket.text(new JsonObject().put("jsonrpc", "2.0").put("method", "authenticate").put("id", 0)
          .put("params", new JsonObject().put("auth_token", TestService.mint(Role.VIEWER))).encode());
      assertThat(new JsonObject(socket.nextText()).containsKey("result")).isTrue();
      String batch = serverInfoBatch();
      socket.text(batch);
      int answerBytes = socket.nextText().length();
      // 3 MiB of answers: more than outbound_buffer_bytes (1 MiB) and the fixed send buffer, less than what the
      // kernel's autotuned send buffer (up to 4 MiB) absorbed before, so that the client was never paused.
      int batches = (3 * MIB) / answerBytes + 1;
      int clientPort = socket.localPort();
      Thread writer = new Thread(() -> {
        try {
          for (int b = 0; b < batches; b++) {
            socket.text(batch);
          }
        } catch (IOException resetByTheServer) {
          // expected once the server resets the connection
        }
      });
      writer.setDaemon(true);
      writer.start();
      Poll.until("the non-reader to be cut off", () -> Http.metric(port, "slow_consumer_disconnects_total"),
          v -> v == 1.0, Duration.ofSeconds(30));
      Poll.until("the TCP connection to be gone", () -> tcpConnectionOpen(clientPort, port), open -> !open,
          Duration.ofSeconds(5));
      double handled = Http.metric(port, "rpc_requests_total{method=\"get_server_info\"}");
      assertThat(handled).as("the server stopped reading the requests it could not answer")
          .isLessThan((batches + 1) * BATCH);
      writer.join(10_000);
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).as("nothing logged a stack trace at WARN or above")
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null);
  }

  private static String serverInfoBatch() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < BATCH; i++) {
      batch.add(new JsonObject().put("jsonrpc", "2.0").put("method", "get_server_info").put("id", i));
    }
    return batch.encode();
  }

  /** Whether the server's end of the connection from {@code clientPort} still exists (any state; Linux). */
  private static boolean tcpConnectionOpen(int clientPort, int serverPort) {
    String client = String.format(Locale.ROOT, ":%04X", clientPort);
    String server = String.format(Locale.ROOT, ":%04X", serverPort);
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
      lines.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));
      return lines.stream().anyMatch(line -> {
        String[] f = line.trim().split("\\s+");
        return f.length > 3 && f[1].endsWith(server) && f[2].endsWith(client);
      });
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anUnauthenticatedSocketIsRefusedAsSoonAsAFrameHeaderAnnouncesMoreThanTheCap() throws Exception {
    try (TestService service = TestService.start(dir);
        RawWebSocket socket = RawWebSocket.open(service.port(), "/ws")) {
      // 16 MiB announced, 10 bytes sent: before, the server waited (holding what came) for the rest until the auth
      // deadline; a close code other than 1009 (1008 after the 10 s deadline, or none) fails this.
      socket.announce(RawWebSocket.TEXT, 16L * MIB, new byte[10]);
      assertThat(socket.awaitCloseCode()).isEqualTo(1009);
      assertThat(socket.awaitCloseCode()).as("and the connection is closed").isEqualTo(-1);
    }
  }

  @Test
  void anUnauthenticatedSocketMaySendAtMostTheCapInAll() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .put("max_unauthenticated_message_bytes", 8192));
        RawWebSocket socket = RawWebSocket.open(service.port(), "/ws")) {
      socket.text("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}");
      assertThat(new JsonObject(socket.nextText()).getValue("result")).isEqualTo("pong");
      byte[] chunk = new byte[2048]; // each frame under the cap, their sum over it
      for (int i = 0; i < 5; i++) {
        socket.frame(false, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, chunk);
      }
      assertThat(socket.awaitCloseCode()).isEqualTo(1009);
    }
  }

  @Test
  void anAuthenticatedSocketStillSendsLargeMessagesInOneFrame() throws Exception {
    try (TestService service = TestService.start(dir);
        RawWebSocket socket = RawWebSocket.open(service.port(), "/ws")) {
      authenticate(socket, service);
      String padding = "x".repeat(900 * 1024);
      socket.text("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":2,\"pad\":\"" + padding + "\"}");
      JsonObject answer = new JsonObject(socket.nextText());
      assertThat(answer.getValue("id")).as("answered, not closed").isEqualTo(2);
    }
  }

  private static void authenticate(RawWebSocket socket, TestService service) throws IOException {
    socket.text(new JsonObject().put("jsonrpc", "2.0").put("method", "authenticate").put("id", 0)
        .put("params", new JsonObject().put("auth_token", service.token(Role.VIEWER))).encode());
    assertThat(new JsonObject(socket.nextText()).getJsonObject("result").getBoolean("authenticated")).isTrue();
  }
}
