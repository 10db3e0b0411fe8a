package io.cameraservice.config;

import java.util.List;

/** Defaults of the retention policy until {@code set_retention_policy} stores one, and how often it runs. */
public record RetentionSettings(String policyType, boolean enabled, double maxAgeDays, double maxSizeGb,
    int intervalSeconds) implements Validated {

  public static final List<String> POLICY_TYPES = List.of("age", "size", "manual");
  /** Upper bounds shared with set_retention_policy. */
  public static final double MAX_AGE_DAYS = 36_500;
  public static final double MAX_SIZE_GB = 1_048_576;

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.oneOf(prefix + ".policy_type", policyType, POLICY_TYPES);
    if (!(maxAgeDays > 0 && maxAgeDays <= MAX_AGE_DAYS)) {
      problems.add(prefix + ".max_age_days", "must be above 0 and at most " + MAX_AGE_DAYS + " (got " + maxAgeDays
          + ")");
    }
    if (!(maxSizeGb > 0 && maxSizeGb <= MAX_SIZE_GB)) {
      problems.add(prefix + ".max_size_gb", "must be above 0 and at most " + MAX_SIZE_GB + " (got " + maxSizeGb
          + ")");
    }
    problems.range(prefix + ".interval_seconds", intervalSeconds, 1, 7 * 86400);
  }
}
