package io.cameraservice.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures for download URLs: an HMAC-SHA256 over one file's path and an expiry time, so a link works in a plain
 * browser for one file and for a limited time. The key is derived from the JWT secret (HMAC of a fixed label), so
 * the secret itself never signs anything but tokens, and a signature cannot be turned into a token or back.
 * Expiry times are rounded up to the next minute, so a link lives between the configured time and a minute more.
 */
public final class DownloadSigner {

  public static final String EXPIRES = "expires";
  public static final String SIGNATURE = "sig";
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] KEY_LABEL = "camera-service download-url key v1".getBytes(StandardCharsets.UTF_8);

  public enum Verdict { VALID, INVALID, EXPIRED }

  /** Expiry times are rounded up to this, so that one link serves every listing within it (and can be cached). */
  static final long EXPIRY_STEP_SECONDS = 60;
  private static final int MAX_CACHED = 200_000;

  private final SecretKeySpec key;
  private final long ttlSeconds;
  private final Clock clock;
  private final ThreadLocal<Mac> macs;
  private volatile Cached cached = new Cached(0);

  /** The query strings signed for one expiry time. */
  private static final class Cached {
    final long expires;
    final Map<String, String> queries = new ConcurrentHashMap<>();

    Cached(long expires) {
      this.expires = expires;
    }
  }

  public DownloadSigner(String jwtSecret, Duration ttl, Clock clock) {
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
        KEY_LABEL), ALGORITHM);
    this.ttlSeconds = ttl.toSeconds();
    this.clock = clock;
    this.macs = ThreadLocal.withInitial(() -> newMac(key));
  }

  /**
   * The query string that lets {@code scope} (one file, e.g. {@code recordings/NAME}) be fetched without other
   * credentials until it expires.
   */
  public String query(String scope) {
    long expires = currentExpiry();
    Cached current = cached;
    if (current.expires != expires || current.queries.size() >= MAX_CACHED) {
      current = new Cached(expires);
      cached = current;
    }
    return current.queries.computeIfAbsent(scope,
        s -> EXPIRES + "=" + expires + "&" + SIGNATURE + "=" + signature(s, expires));
  }

  /** The expiry time of links signed now (the same for a whole minute). */
  public long currentExpiry() {
    long unrounded = clock.instant().getEpochSecond() + ttlSeconds;
    return (unrounded + EXPIRY_STEP_SECONDS - 1) / EXPIRY_STEP_SECONDS * EXPIRY_STEP_SECONDS;
  }

  /**
   * Checks the signature of a request for {@code scope}.
   *
   * @param expires the {@code expires} query parameter, may be null
   * @param signature the {@code sig} query parameter, may be null
   */
  public Verdict verify(String scope, String expires, String signature) {
    if (expires == null || signature == null || expires.length() > 19) {
      return Verdict.INVALID;
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return Verdict.INVALID;
    }
    byte[] expected = signature(scope, expiresAt).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.INVALID;
    }
    return clock.instant().getEpochSecond() < expiresAt ? Verdict.VALID : Verdict.EXPIRED;
  }

  private String signature(String scope, long expires) {
    Mac mac = macs.get();
    byte[] digest = mac.doFinal((scope + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] message) {
    return newMac(key).doFinal(message);
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
