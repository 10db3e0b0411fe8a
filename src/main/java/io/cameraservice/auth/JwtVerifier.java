package io.cameraservice.auth;

import io.cameraservice.rpc.RpcError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Instant;

/**
 * Checks JWTs: the signature and algorithm by vertx-auth-jwt (only HS256 with the configured secret is known to it,
 * so {@code none} and every other algorithm fail), then the claims this service needs, so that an expired token is
 * told apart from a bad one.
 */
public final class JwtVerifier {

  public static final String ALGORITHM = "HS256";

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

  /** Fails with -32001 {@code invalid_token} or {@code token_expired}. */
  public Future<Session> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(RpcError.authenticationFailed("invalid_token").exception()))
        .compose(user -> claims(user.attributes().getJsonObject("accessToken", new JsonObject())));
  }

  private Future<Session> claims(JsonObject claims) {
    Role role = claims.getValue("role") instanceof String ? Role.fromWire(claims.getString("role")) : null;
    Object user = claims.containsKey("user_id") ? claims.getValue("user_id") : claims.getValue("sub");
    Object exp = claims.getValue("exp");
    if (role == null || !(user instanceof String || user instanceof Number) || !(exp instanceof Number)) {
      return Future.failedFuture(RpcError.authenticationFailed("invalid_token").exception());
    }
    Instant expiresAt = Instant.ofEpochSecond(((Number) exp).longValue());
    if (!clock.instant().minusSeconds(skewSeconds).isBefore(expiresAt)) {
      return Future.failedFuture(RpcError.authenticationFailed("token_expired").exception());
    }
    return Future.succeededFuture(Session.create(String.valueOf(user), role, expiresAt, null));
  }
}
