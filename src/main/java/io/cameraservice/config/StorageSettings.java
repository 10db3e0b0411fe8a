package io.cameraservice.config;

import java.nio.file.Path;

public record StorageSettings(String dataDir) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.notBlank(prefix + ".data_dir", dataDir);
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  /** Durable service state: API keys, retention policy, generated secrets. */
  public Path statePath() {
    return dataPath().resolve("state");
  }
}
