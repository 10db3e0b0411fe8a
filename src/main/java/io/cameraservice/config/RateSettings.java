package io.cameraservice.config;

/** A token bucket: {@code per_second} sustained, {@code burst} at once. */
public record RateSettings(int perSecond, int burst) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".per_second", perSecond, 1, 1_000_000);
    problems.range(prefix + ".burst", burst, 1, 1_000_000);
  }
}
