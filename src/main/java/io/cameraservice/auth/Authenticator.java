package io.cameraservice.auth;

import io.cameraservice.governance.WorkPool;
import io.cameraservice.rpc.RpcError;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;

/** Turns a credential (a JWT or a {@code csk_} API key) into a {@link Session}, or a -32001 with its reason. */
public final class Authenticator {

  private final JwtVerifier jwt;
  private final ApiKeyStore apiKeys;
  private final WorkPool fsPool;
  private final Clock clock;

  public Authenticator(JwtVerifier jwt, ApiKeyStore apiKeys, WorkPool fsPool, Clock clock) {
    this.jwt = jwt;
    this.apiKeys = apiKeys;
    this.fsPool = fsPool;
    this.clock = clock;
  }

  public Future<Session> authenticate(String credential) {
    if (credential.startsWith(ApiKeyStore.PREFIX)) {
      return fsPool.submit(() -> apiKeys.find(credential)).compose(this::apiKeySession);
    }
    return jwt.verify(credential);
  }

  /** Whether a session is still good now: not expired and, for API keys, not revoked since. */
  public RpcError check(Session session) {
    boolean expired = session.apiKeyId() == null ? session.expiresAt() != null && jwt.isExpired(session.expiresAt())
        : session.isExpired(clock.instant());
    if (expired) {
      return RpcError.authenticationFailed("token_expired");
    }
    if (session.apiKeyId() != null && apiKeys.isRevoked(session.apiKeyId())) {
      return RpcError.authenticationFailed("revoked");
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
      return Future.failedFuture(RpcError.authenticationFailed("unknown_api_key").exception());
    }
    if (key.isRevoked()) {
      return Future.failedFuture(RpcError.authenticationFailed("revoked").exception());
    }
    if (key.isExpired(now)) {
      return Future.failedFuture(RpcError.authenticationFailed("token_expired").exception());
    }
    return Future.succeededFuture(Session.create(key.name(), key.role(), key.expiresAt(), key.id()));
  }
}
