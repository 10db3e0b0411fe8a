package io.cameraservice.auth;

import io.cameraservice.domain.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks JWTs: the signature and algorithm by vertx-auth-jwt (only HS256 with the configured secret is known to it,
 * so {@code none} and every other algorithm fail), then the claims this service needs, so that an expired token is
 * told apart from a bad one.
 */
public final class JwtVerifier {

  public static final String ALGORITHM = "HS256";

  /** 9999-12-31T23:59:59Z, the last instant RFC 3339 can write. */
  private static final long LAST_SECOND = 253_402_300_799L;

  private final JWTAuth jwt;
  private final long skewSeconds;
  private final Clock clock;

  public JwtVerifier(Vertx vertx, String secret, int skewSeconds, Clock clock) {
    // exp is checked here rather than by the library so that expiry has its own reason code.
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
        .setJWTOptions(new JWTOptions().setLeeway(skewSeconds).setIgnoreExpiration(true)));
    this.skewSeconds = skewSeconds;
    this.clock = clock;
  }

  /** Fails with -32001 {@code invalid_token} (with {@code claim} when one claim is at fault) or {@code token_expired}. */
  public Future<Session> verify(String token) {
    Future<io.vertx.ext.auth.User> verified;
    try {
      verified = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) { // the library can throw on odd claims instead of failing its future
      verified = Future.failedFuture(e);
    }
    return verified
        .recover(e -> Future.failedFuture(Failure.unauthenticated("invalid_token")))
        .compose(user -> {
          Failure refusal = criticalHeader(token);
          return refusal != null ? Future.failedFuture(refusal)
              : claims(user.attributes().getJsonObject("accessToken", new JsonObject()));
        });
  }

  /**
   * Whether a token whose {@code exp} is {@code expiresAt} has expired: the one rule for authentication and for every
   * later call, so a token accepted inside the skew is not refused by the next call.
   */
  public boolean isExpired(Instant expiresAt) {
    return !clock.instant().minusSeconds(skewSeconds).isBefore(expiresAt);
  }

  private Future<Session> claims(JsonObject claims) {
    Role role = claims.getValue("role") instanceof String ? Role.fromWire(claims.getString("role")) : null;
    Object user = claims.containsKey("user_id") ? claims.getValue("user_id") : claims.getValue("sub");
    if (role == null || !(user instanceof String || user instanceof Number)) {
      return invalid(null);
    }
    Instant expiresAt = time(claims.getValue("exp"));
    if (expiresAt == null) {
      return invalid("exp");
    }
    if (claims.containsKey("nbf")) {
      Instant notBefore = time(claims.getValue("nbf"));
      if (notBefore == null || clock.instant().plusSeconds(skewSeconds).isBefore(notBefore)) {
        return invalid("nbf");
      }
    }
    if (isExpired(expiresAt)) {
      return Future.failedFuture(Failure.unauthenticated("token_expired"));
    }
    return Future.succeededFuture(Session.create(String.valueOf(user), role, expiresAt, null));
  }

  /**
   * A NumericDate this service can represent: whole seconds from 1970 to the end of year 9999, so {@code expires_at}
   * is always RFC 3339. Anything else (a string, a fraction, {@code 1e20}, a year beyond 9999) makes the token
   * invalid rather than clamped: such a token is not one our issuers mint.
   */
  private static Instant time(Object value) {
    if (!(value instanceof Integer || value instanceof Long)) {
      return null;
    }
    long seconds = ((Number) value).longValue();
    return seconds < 0 || seconds > LAST_SECOND ? null : Instant.ofEpochSecond(seconds);
  }

  /** RFC 7515 4.1.11: a token naming critical extensions must be refused unless they are understood; none are. */
  private static Failure criticalHeader(String token) {
    try {
      String header = token.substring(0, token.indexOf('.'));
      JsonObject fields = new JsonObject(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
      return fields.containsKey("crit") ? Failure.unauthenticated("invalid_token").with("claim", "crit") : null;
    } catch (RuntimeException e) { // unreachable after a good signature, but never a -32603
      return Failure.unauthenticated("invalid_token");
    }
  }

  private static Future<Session> invalid(String claim) {
    Failure failure = Failure.unauthenticated("invalid_token");
    return Future.failedFuture(claim == null ? failure : failure.with("claim", claim));
  }
}
