package io.cameraservice.config;

/**
 * A rule about the loaded configuration that needs knowledge this package does not have, such as the names an alert
 * rule may watch (owned by {@code governance.alerts}). Whoever loads the configuration passes such checks
 * to {@link ConfigLoader#checks} (the wiring lists them), so that configuration need not import the features it
 * configures.
 */
@FunctionalInterface
public interface ConfigCheck {

  /** Reports each broken rule under its full key path, like {@link Validated#validate}. */
  void check(ServiceConfig config, ConfigProblems problems);
}
