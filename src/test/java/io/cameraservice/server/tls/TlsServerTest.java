package io.cameraservice.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cameraservice.config.ConfigException;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestCertificates;
import io.cameraservice.testing.TestCertificates.KeyType;
import io.cameraservice.testing.TestCertificates.Pair;
import io.cameraservice.testing.TestService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https and wss on the service port with certificates openssl makes at test time, and their reload. */
class TlsServerTest {

  @TempDir
  Path dir;

  @Test
  void rsaServesHttpsAndWss() throws Exception {
    servesHttpsAndWss(KeyType.RSA);
  }

  @Test
  void ecServesHttpsAndWss() throws Exception {
    servesHttpsAndWss(KeyType.EC);
  }

  private void servesHttpsAndWss(KeyType type) throws Exception {
    Pair pair = TestCertificates.make(dir, "server", type);
    try (TestService service = start(pair, 1)) {
      HttpResponse<String> live = https(pair.trustingContext(), service.port(), "/health/live");
      assertEquals(200, live.statusCode());
      assertEquals(pair.certificate(), peerCertificate(service.port()));
      try (RpcClient client = RpcClient.connectTls(service.port(), pair.cert())) {
        assertTrue(client.call("ping").containsKey("result"), "ping over wss");
      }
    }
  }

  @Test
  void plainHttpOnTheTlsPortFailsTheHandshake() throws Exception {
    Pair pair = TestCertificates.make(dir, "server", KeyType.EC);
    try (TestService service = start(pair, 1)) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health/live"))
          .timeout(Duration.ofSeconds(10)).build();
      assertThrows(IOException.class,
          () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }
  }

  @Test
  void changedFilesServeNewConnectionsWhileOpenOnesKeepWorking() throws Exception {
    Pair first = TestCertificates.make(dir, "server", KeyType.RSA);
    Pair second = TestCertificates.make(dir, "next", KeyType.EC);
    try (TestService service = start(first, 1);
        RpcClient open = RpcClient.connectTls(service.port(), first.cert())) {
      assertTrue(open.call("ping").containsKey("result"));
      replace(first, second);
      Poll.until("new connections see the new certificate", () -> peerCertificate(service.port()),
          second.certificate()::equals, Duration.ofSeconds(20));
      assertTrue(open.call("ping").containsKey("result"), "the wss connection opened before the reload still works");
      try (RpcClient fresh = RpcClient.connectTls(service.port(), second.cert())) {
        assertTrue(fresh.call("ping").containsKey("result"));
      }
    }
  }

  @Test
  void aBadReplacementKeepsTheOldCertificateAndIsCounted() throws Exception {
    Pair first = TestCertificates.make(dir, "server", KeyType.RSA);
    Pair other = TestCertificates.make(dir, "other", KeyType.RSA);
    X509Certificate original = first.certificate();
    SSLContext trustingOriginal = first.trustingContext();
    try (TestService service = start(first, 1)) {
      // The new certificate with a key that is not its own.
      Files.copy(other.cert(), first.cert(), StandardCopyOption.REPLACE_EXISTING);
      Poll.until("the failed reload is counted",
          () -> Http.sample(https(trustingOriginal, service.port(), "/metrics").body(), "tls_reload_failures_total"),
          v -> v >= 1, Duration.ofSeconds(20));
      assertEquals(original, peerCertificate(service.port()));
      assertEquals(200, https(trustingOriginal, service.port(), "/health/live").statusCode());
    }
  }

  @Test
  void badConfigurationIsAPreciseConfigError() throws Exception {
    Pair pair = TestCertificates.make(dir, "server", KeyType.EC);
    Pair other = TestCertificates.make(dir, "other", KeyType.EC);
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a pem\n");
    Path rsaKey = TestCertificates.make(dir, "rsa", KeyType.RSA).key();

    assertEquals(List.of("server.tls.key_file: is required when server.tls.cert_file is set"),
        problems(pair.cert().toString(), null));
    assertEquals(List.of("server.tls.cert_file: is required when server.tls.key_file is set"),
        problems(null, pair.key().toString()));
    assertEquals(List.of("server.tls.cert_file: cannot be read (file not found)"),
        problems(dir.resolve("missing.crt").toString(), pair.key().toString()));
    assertEquals(List.of("server.tls.key_file: cannot be read (file not found)"),
        problems(pair.cert().toString(), dir.resolve("missing.key").toString()));
    assertEquals(List.of("server.tls.cert_file: is not a PEM certificate (no BEGIN CERTIFICATE block)"),
        problems(garbage.toString(), pair.key().toString()));
    assertTrue(problems(pair.cert().toString(), garbage.toString()).get(0)
        .startsWith("server.tls.key_file: cannot be parsed as PEM"));
    assertEquals(List.of("server.tls.key_file: does not match the certificate in cert_file"),
        problems(pair.cert().toString(), other.key().toString()));
    assertEquals(List.of("server.tls.key_file: does not match the certificate in cert_file"),
        problems(pair.cert().toString(), rsaKey.toString()));
  }

  private List<String> problems(String cert, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> TestService.config(dir, flags -> {
      var tls = flags.with("server").putObject("tls");
      tls.put("cert_file", cert).put("key_file", key);
    }));
    return e.problems();
  }

  private TestService start(Pair pair, int reloadSeconds) {
    return TestService.start(dir.resolve("data"), flags -> flags.with("server").putObject("tls")
        .put("cert_file", pair.cert().toString()).put("key_file", pair.key().toString())
        .put("reload_check_seconds", reloadSeconds));
  }

  /** Copies over the files the service watches, as an operator renewing the certificate would. */
  private static void replace(Pair target, Pair source) throws IOException {
    Files.copy(source.key(), target.key(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(source.cert(), target.cert(), StandardCopyOption.REPLACE_EXISTING);
  }

  private static HttpResponse<String> https(SSLContext trusting, int port, String path) {
    HttpClient client = HttpClient.newBuilder().sslContext(trusting).build();
    try {
      return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The certificate a new connection is served; the client accepts any, as it only looks. */
  private static X509Certificate peerCertificate(int port) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
