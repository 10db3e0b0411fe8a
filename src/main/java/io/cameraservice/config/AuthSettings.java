package io.cameraservice.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

public record AuthSettings(String jwtSecret, int clockSkewSeconds, Map<String, String> permissions)
    implements Validated {

  public static final int MIN_SECRET_BYTES = 32;
  private static final List<String> ROLES = List.of("viewer", "operator", "admin");

  public AuthSettings {
    permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".clock_skew_seconds", clockSkewSeconds, 0, 3600);
    // Whether each key names a method is checked once the methods are declared (app.MethodSettings).
    permissions.forEach((method, role) -> problems.oneOf(prefix + ".permissions." + method, role, ROLES));
  }

  /** Checked only where a secret is needed (serving, minting tokens); the value itself is never reported. */
  public void validateSecret(String prefix, ConfigProblems problems) {
    String key = prefix + ".jwt_secret";
    if (jwtSecret == null || jwtSecret.isEmpty()) {
      problems.add(key, "is required (set it in the file or with " + ConfigTree.variableFor("auth.jwt_secret") + ")");
    } else if (jwtSecret.isBlank()) {
      problems.add(key, "must not be blank (only white space)");
    } else if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add(key, "must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
  }

  @Override
  public String toString() {
    return "AuthSettings[jwtSecret=<redacted>, clockSkewSeconds=" + clockSkewSeconds + ", permissions=" + permissions
        + "]";
  }
}
