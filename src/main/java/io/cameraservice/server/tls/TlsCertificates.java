package io.cameraservice.server.tls;

import io.cameraservice.config.ConfigProblems;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.config.TlsSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
// Vert.x builds the PEM key store with this password; reading the key back out needs it.
import io.vertx.core.net.impl.KeyStoreHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;

/**
 * A PEM certificate and private key (RSA or EC) read from files and checked to belong together, as the Vert.x
 * {@link ServerSSLOptions} every TLS server of the service (HTTP/WebSocket, and later RTSP and cluster) listens with.
 * Reading is blocking: call it before serving or from a worker.
 */
public final class TlsCertificates {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** One loaded pair: the options to serve with, the leaf certificate, and a digest of both files' bytes. */
  public record Loaded(ServerSSLOptions options, X509Certificate certificate, String digest) {}

  /** A pair that cannot be served; {@link #file} is the file at fault ({@code cert_file} or {@code key_file}). */
  public static final class TlsException extends Exception {
    private final String file;

    TlsException(String file, String message) {
      super(message);
      this.file = file;
    }

    public String file() {
      return file;
    }
  }

  private TlsCertificates() {}

  /**
   * The configuration check (a {@code ConfigCheck}) that the configured files make a pair that can be served,
   * checked when the configuration is loaded so a wrong pair is a configuration error rather than a failed listen
   * or handshake.
   */
  public static void checkSettings(ServiceConfig config, ConfigProblems problems) {
    TlsSettings tls = config.server().tls();
    if (!tls.enabled()) {
      return;
    }
    try {
      load(Path.of(tls.certFile()), Path.of(tls.keyFile()));
    } catch (TlsException e) {
      problems.add("server.tls." + e.file(), e.getMessage());
    }
  }

  public static Loaded load(Path certFile, Path keyFile) throws TlsException {
    byte[] cert = read(certFile, "cert_file");
    byte[] key = read(keyFile, "key_file");
    return parse(cert, key);
  }

  /** Builds the options from the files' bytes; the messages name what is wrong, never the key material. */
  static Loaded parse(byte[] cert, byte[] key) throws TlsException {
    if (!new String(cert, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
      throw new TlsException("cert_file", "is not a PEM certificate (no BEGIN CERTIFICATE block)");
    }
    PemKeyCertOptions pem = new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
    KeyStore store;
    try {
      store = pem.loadKeyStore(null);
    } catch (Exception e) {
      // The key store refuses a key whose algorithm differs from the certificate's (an RSA key for an EC cert).
      if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).contains("does not match")) {
        throw new TlsException("key_file", "does not match the certificate in cert_file");
      }
      throw new TlsException(isKeyProblem(e) ? "key_file" : "cert_file",
          "cannot be parsed as PEM (" + e.getClass().getSimpleName() + ")");
    }
    try {
      String alias = Collections.list(store.aliases()).get(0);
      PrivateKey privateKey = (PrivateKey) store.getKey(alias, KeyStoreHelper.DUMMY_PASSWORD.toCharArray());
      Certificate leaf = store.getCertificateChain(alias)[0];
      if (!(leaf instanceof X509Certificate x509)) {
        throw new TlsException("cert_file", "is not an X.509 certificate");
      }
      checkMatch(privateKey, x509);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(cert);
      sha.update(key);
      return new Loaded(new ServerSSLOptions().setKeyCertOptions(pem), x509, HexFormat.of().formatHex(sha.digest()));
    } catch (GeneralSecurityException e) {
      throw new TlsException("key_file", "cannot be used (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Signs a random challenge with the key and verifies it with the certificate's public key. */
  private static void checkMatch(PrivateKey key, X509Certificate cert) throws TlsException, GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> throw new TlsException("key_file", "must be an RSA or EC key (got " + key.getAlgorithm() + ")");
    };
    if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
      throw new TlsException("key_file", "does not match the certificate in cert_file");
    }
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(cert.getPublicKey());
    verifier.update(challenge);
    if (!verifier.verify(signature)) {
      throw new TlsException("key_file", "does not match the certificate in cert_file");
    }
  }

  private static boolean isKeyProblem(Exception e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("key");
  }

  private static byte[] read(Path file, String name) throws TlsException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsException(name, "cannot be read (" + (Files.exists(file) ? e.getClass().getSimpleName()
          : "file not found") + ")");
    }
  }
}
