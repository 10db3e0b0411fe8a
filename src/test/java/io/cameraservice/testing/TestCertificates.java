package io.cameraservice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed certificates for 127.0.0.1/localhost made by the real openssl at test time. */
public final class TestCertificates {

  public enum KeyType { RSA, EC }

  /** A certificate file and its key file. */
  public record Pair(Path cert, Path key) {
    public X509Certificate certificate() {
      try (InputStream in = Files.newInputStream(cert)) {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** A client context trusting only this certificate. */
    public SSLContext trustingContext() {
      try {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("server", certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private TestCertificates() {}

  /** Makes {@code name}.crt and {@code name}.key in {@code dir}. */
  public static Pair make(Path dir, String name, KeyType type) {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()));
    if (type == KeyType.RSA) {
      command.addAll(List.of("-newkey", "rsa:2048"));
    } else {
      command.addAll(List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"));
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("openssl failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl not runnable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Pair(cert, key);
  }
}
