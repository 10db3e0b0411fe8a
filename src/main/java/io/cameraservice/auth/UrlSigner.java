package io.cameraservice.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signatures that let a plain browser link or media player open one resource without a header:
 * {@code ?exp=EPOCH_SECONDS&sig=HMAC}. A signature is bound to a scope (e.g. {@code live/camera0} or
 * {@code recordings/NAME}) and to its expiry; the key is derived from the JWT secret, so no extra secret is needed
 * and all nodes sharing the secret accept each other's links.
 */
public final class UrlSigner {

  /** Outcome of checking a signed request. */
  public enum Verdict {
    VALID, MISSING, EXPIRED, INVALID
  }

  private static final String ALGORITHM = "HmacSHA256";
  private static final String PURPOSE = "camera-service signed urls v1";

  private final SecretKeySpec key;
  private final Clock clock;

  public UrlSigner(String jwtSecret, Clock clock) {
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
        PURPOSE), ALGORITHM);
    this.clock = clock;
  }

  /** The query string (without {@code ?}) granting access to {@code scope} for {@code ttl}. */
  public String sign(String scope, Duration ttl) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    return "exp=" + expires + "&sig=" + signature(scope, expires);
  }

  public Verdict verify(String scope, String exp, String sig) {
    if (exp == null || sig == null) {
      return Verdict.MISSING;
    }
    long expires;
    try {
      expires = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return Verdict.INVALID;
    }
    boolean matches = MessageDigest.isEqual(signature(scope, expires).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII));
    if (!matches) {
      return Verdict.INVALID;
    }
    return clock.instant().getEpochSecond() >= expires ? Verdict.EXPIRED : Verdict.VALID;
  }

  private String signature(String scope, long expires) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, scope + "\n" + expires));
  }

  private static byte[] hmac(SecretKeySpec key, String data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
