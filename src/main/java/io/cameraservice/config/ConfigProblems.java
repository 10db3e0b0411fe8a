package io.cameraservice.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Every problem found in one configuration, each naming the key and the rule it breaks. */
public final class ConfigProblems {

  private final List<String> problems = new ArrayList<>();

  public void add(String key, String rule) {
    problems.add(key + ": " + rule);
  }

  public void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      add(key, "must be between " + min + " and " + max + " (got " + value + ")");
    }
  }

  public void oneOf(String key, String value, Collection<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      add(key, "must be one of " + String.join(", ", allowed) + " (got " + value + ")");
    }
  }

  public void notBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      add(key, "is required");
    }
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(list());
    }
  }
}
