package io.cameraservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cameraservice.testing.Http;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.TestService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets that send half a request head and stop (issue 9 item 3) once took every file descriptor: they are capped
 * in all and per address, closed after the header deadline, and a real client is still answered. The hostile
 * sockets come from 127.0.0.2 (all of 127/8 is loopback on Linux), the real client from 127.0.0.1.
 */
class HalfOpenHttpTest {

  private static final String HALF_A_HEAD = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: ";

  @TempDir
  Path dir;

  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void onePeerIsHeldToItsPerAddressCapAndOthersAreStillAnswered() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .put("max_http_connections_per_address", 20).put("request_header_timeout_seconds", 600))) {
      halfOpen(service.port(), 50);
      Poll.until("the 30 sockets over the per-address cap to be closed", this::closedByServer, n -> n == 30,
          Duration.ofSeconds(20));
      assertEquals(200, Http.get(service.port(), "/health/live").statusCode());
      assertEquals(30.0, Http.metric(service.port(),
          "http_connection_rejections_total{scope=\"max_http_connections_per_address\"}"));
    }
  }

  @Test
  void aConnectionWithoutACompleteHeadIsClosedAtTheDeadlineAndAServedOneIsNot() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .put("request_header_timeout_seconds", 1))) {
      Socket keepAlive = new Socket("127.0.0.1", service.port());
      sockets.add(keepAlive);
      assertTrue(exchange(keepAlive).startsWith("HTTP/1.1 200"));
      halfOpen(service.port(), 40);
      Poll.until("every half-open socket to be closed after the 1 s deadline", this::closedByServer, n -> n == 40,
          Duration.ofSeconds(20));
      assertTrue(exchange(keepAlive).startsWith("HTTP/1.1 200"), "a kept-alive connection outlives the deadline");
    }
  }

  @Test
  void atTheTotalCapTheOldestHalfOpenSocketMakesRoomForARealClient() throws Exception {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/server")
        .put("max_http_connections", 100).put("max_http_connections_per_address", 1000)
        .put("request_header_timeout_seconds", 600))) {
      // The first 50 are made older than every other beyond doubt: the next ones are opened only once the server
      // counts all 50 (plus the test client's own kept-alive connection that asks).
      halfOpen(service.port(), 50);
      Poll.until("the server to count the first 50", () -> Http.metric(service.port(), "http_connections"),
          n -> n == 51, Duration.ofSeconds(20));
      List<Socket> oldest = List.copyOf(sockets);
      halfOpen(service.port(), 250);
      Poll.until("the 200 oldest half-open sockets to make room", this::closedByServer, n -> n >= 200,
          Duration.ofSeconds(20));
      for (int i = 0; i < 5; i++) {
        assertEquals(200, Http.get(service.port(), "/health/live").statusCode(), "at the cap, request " + i);
      }
      assertEquals(50, closedByServer(oldest), "the oldest are among the ones closed");
      assertTrue(Http.metric(service.port(), "http_connections") <= 100);
    }
  }

  private void halfOpen(int port, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      sockets.add(socket);
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = socket.getOutputStream();
      out.write(HALF_A_HEAD.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  private int closedByServer() {
    return closedByServer(sockets.stream().filter(s -> !"127.0.0.1".equals(s.getLocalAddress().getHostAddress()))
        .toList());
  }

  /** How many of these sockets the server has closed (end of stream or reset), reading each for up to 20 ms. */
  private static int closedByServer(List<Socket> those) {
    int closed = 0;
    for (Socket socket : those) {
      try {
        socket.setSoTimeout(20);
        if (socket.getInputStream().read() < 0) {
          closed++;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        closed++;
      }
    }
    return closed;
  }

  /** Sends a whole GET /health/live on the socket and returns the status line. */
  private static String exchange(Socket socket) throws IOException {
    socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.append((char) b);
    }
    String text = head.toString();
    int length = Integer.parseInt(text.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
    in.readNBytes(length);
    return text;
  }
}
