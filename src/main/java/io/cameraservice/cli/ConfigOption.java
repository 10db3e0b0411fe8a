package io.cameraservice.cli;

import io.cameraservice.app.ConfigChecks;
import io.cameraservice.config.ConfigLoader;
import io.cameraservice.config.ServiceConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by commands that read the service configuration. */
final class ConfigOption {

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (defaults apply without)")
  Path file;

  ServiceConfig load(boolean secretRequired) {
    return loader().requireSecret(secretRequired).load(file);
  }

  /** The loader every command uses: the environment, plus the checks the features own. */
  static ConfigLoader loader() {
    return ConfigLoader.fromEnvironment().checks(ConfigChecks.ALL);
  }
}
