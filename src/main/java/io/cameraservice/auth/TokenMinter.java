package io.cameraservice.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;

/** Signs HS256 tokens with the configured secret (the {@code token} and {@code demo} commands, tests). */
public final class TokenMinter {

  private final JWTAuth jwt;
  private final Clock clock;

  public TokenMinter(Vertx vertx, String secret, Clock clock) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(JwtVerifier.ALGORITHM).setBuffer(secret)));
    this.clock = clock;
  }

  public String mint(String userId, Role role, Duration ttl) {
    long now = clock.instant().getEpochSecond();
    JsonObject claims = new JsonObject()
        .put("user_id", userId)
        .put("sub", userId)
        .put("role", role.wireName())
        .put("iat", now)
        .put("exp", now + ttl.toSeconds());
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm(JwtVerifier.ALGORITHM).setNoTimestamp(true));
  }
}
