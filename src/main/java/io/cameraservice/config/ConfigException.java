package io.cameraservice.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} says why, one line per key. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String key, String rule) {
    this(List.of(key + ": " + rule));
  }

  public List<String> problems() {
    return problems;
  }
}
