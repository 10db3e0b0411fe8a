package io.cameraservice.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * What an authenticated socket may do, until when. A session ends with its socket; a credential that expires or is
 * revoked ends it earlier.
 *
 * @param expiresAt the token's own {@code exp} or the API key's expiry; null for a key that never expires
 * @param apiKeyId the key's id for API-key sessions (revocation is checked on each call), null for JWTs
 */
public record Session(String sessionId, String userId, Role role, Instant expiresAt, String apiKeyId) {

  public static Session create(String userId, Role role, Instant expiresAt, String apiKeyId) {
    return new Session(UUID.randomUUID().toString(), userId, role, expiresAt, apiKeyId);
  }

  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
