package io.cameraservice.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.SharedService;
import io.cameraservice.testing.TestService;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reverse proxy on the same host connects from loopback for every client (issue 9): a request through loopback
 * that names a proxied client or a non-loopback Host must not get /metrics without credentials. Raw sockets, because
 * the JDK client will not send a Host of our choosing.
 */
class MetricsBehindProxyTest {

  @RegisterExtension
  static final SharedService SERVICE = new SharedService();

  @Test
  void aDirectLoopbackScrapeNeedsNoCredentials() throws IOException {
    assertThat(status("Host: 127.0.0.1")).isEqualTo(200);
    assertThat(status("Host: localhost:9090")).isEqualTo(200);
    assertThat(status("Host: [::1]")).isEqualTo(200);
  }

  @Test
  void aProxiedScrapeThroughLoopbackNeedsAdminCredentials() throws IOException {
    assertThat(status("Host: cameras.example.com")).isEqualTo(401);
    assertThat(status("Host: 127.0.0.1", "X-Forwarded-For: 203.0.113.9")).isEqualTo(401);
    assertThat(status("Host: 127.0.0.1", "Forwarded: for=203.0.113.9")).isEqualTo(401);
    assertThat(status("Host: 127.0.0.1", "X-Real-IP: 203.0.113.9")).isEqualTo(401);
    assertThat(status("Host: cameras.example.com", "Authorization: Bearer " + SERVICE.get().token(Role.VIEWER)))
        .isEqualTo(403);
    assertThat(status("Host: cameras.example.com", "X-Forwarded-For: 203.0.113.9",
        "Authorization: Bearer " + SERVICE.get().token(Role.ADMIN))).isEqualTo(200);
  }

  private static int status(String... headers) throws IOException {
    TestService service = SERVICE.get();
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      String request = "GET /metrics HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
        line.append((char) b);
      }
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }
}
