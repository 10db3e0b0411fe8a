package io.cameraservice.config;

import java.util.List;

public record LoggingSettings(String level) implements Validated {

  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.oneOf(prefix + ".level", level, LEVELS);
  }
}
