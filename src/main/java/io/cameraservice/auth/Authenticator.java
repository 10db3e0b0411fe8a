package io.cameraservice.auth;

import io.cameraservice.domain.Failure;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/** Turns a credential (a JWT or a {@code csk_} API key) into a {@link Session}, or an unauthenticated failure. */
public final class Authenticator {

  private final JwtVerifier jwt;
  private final ApiKeyStore apiKeys;
  private final Function<String, Future<ApiKey>> findKey;
  private final Clock clock;

  /**
   * @param findKey looks a {@code csk_} key up in {@code apiKeys} off the event loop (the store reads files); the
   *     wiring decides on which bounded pool, so that authentication does not depend on governance
   */
  public Authenticator(JwtVerifier jwt, ApiKeyStore apiKeys, Function<String, Future<ApiKey>> findKey, Clock clock) {
    this.jwt = jwt;
    this.apiKeys = apiKeys;
    this.findKey = findKey;
    this.clock = clock;
  }

  public Future<Session> authenticate(String credential) {
    if (credential.startsWith(ApiKeyStore.PREFIX)) {
      return findKey.apply(credential).compose(this::apiKeySession);
    }
    return jwt.verify(credential);
  }

  /** Whether a session is still good now: not expired and, for API keys, not revoked since. Null when it is. */
  public Failure check(Session session) {
    boolean expired = session.apiKeyId() == null ? session.expiresAt() != null && jwt.isExpired(session.expiresAt())
        : session.isExpired(clock.instant());
    if (expired) {
      return Failure.unauthenticated("token_expired");
    }
    if (session.apiKeyId() != null && apiKeys.isRevoked(session.apiKeyId())) {
      return Failure.unauthenticated("revoked");
    }
    return null;
  }

  /** {@link #check} as a yes or no, for those that only need to know (event delivery). */
  public boolean isLive(Session session) {
    return check(session) == null;
  }

  private Future<Session> apiKeySession(ApiKey key) {
    Instant now = clock.instant();
    if (key == null) {
      return Future.failedFuture(Failure.unauthenticated("unknown_api_key"));
    }
    if (key.isRevoked()) {
      return Future.failedFuture(Failure.unauthenticated("revoked"));
    }
    if (key.isExpired(now)) {
      return Future.failedFuture(Failure.unauthenticated("token_expired"));
    }
    return Future.succeededFuture(Session.create(key.name(), key.role(), key.expiresAt(), key.id()));
  }
}
