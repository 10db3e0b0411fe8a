package io.cameraservice.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A stored API key: everything but the key itself, of which only a SHA-256 hash is kept.
 *
 * @param expiresAt null when the key never expires
 * @param revokedAt null while the key is valid
 */
public record ApiKey(String id, String name, Role role, Instant createdAt, Instant expiresAt, Instant revokedAt,
    String hash) {

  @JsonIgnore
  public boolean isRevoked() {
    return revokedAt != null;
  }

  @JsonIgnore
  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  ApiKey revoked(Instant at) {
    return new ApiKey(id, name, role, createdAt, expiresAt, at, hash);
  }
}
