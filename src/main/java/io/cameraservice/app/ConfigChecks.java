package io.cameraservice.app;

import io.cameraservice.config.ConfigCheck;
import io.cameraservice.governance.alerts.AlertInputs;
import io.cameraservice.server.AllowedOrigins;
import io.cameraservice.server.tls.TlsCertificates;
import java.util.List;

/**
 * The checks of the configuration that need a feature's knowledge (which metrics an alert rule may watch, whether
 * the TLS files make a pair, whether each allowed origin is one), given to every {@code ConfigLoader} that loads a configuration to serve or to check.
 */
public final class ConfigChecks {

  public static final List<ConfigCheck> ALL = List.of(AlertInputs::checkRuleMetrics, TlsCertificates::checkSettings,
      AllowedOrigins::checkSettings);

  private ConfigChecks() {}
}
