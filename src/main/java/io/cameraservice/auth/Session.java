package io.cameraservice.auth;

import io.cameraservice.domain.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * What an authenticated socket may do, until when. A session ends with its socket; a credential that expires or is
 * revoked ends it earlier. It is the {@link Caller} that {@code rpc} carries without looking inside.
 *
 * @param expiresAt the token's own {@code exp} or the API key's expiry; null for a key that never expires
 * @param apiKeyId the key's id for API-key sessions (revocation is checked on each call), null for JWTs
 */
public record Session(String sessionId, String userId, Role role, Instant expiresAt, String apiKeyId)
    implements Caller {

  public static Session create(String userId, Role role, Instant expiresAt, String apiKeyId) {
    return new Session(UUID.randomUUID().toString(), userId, role, expiresAt, apiKeyId);
  }

  /** The session behind a caller {@code rpc} handed over, or null before authentication. */
  public static Session of(Caller caller) {
    if (caller == null || caller instanceof Session) {
      return (Session) caller;
    }
    throw new IllegalStateException("a caller that is not a session: " + caller.getClass().getName());
  }

  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
