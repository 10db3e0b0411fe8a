package io.cameraservice.app;

import io.cameraservice.config.ServiceConfig;
import io.cameraservice.config.StorageSettings;
import io.cameraservice.events.EventHub;
import io.cameraservice.files.FileModes;
import io.cameraservice.governance.ClockTimeMeter;
import io.cameraservice.governance.WorkPools;
import io.cameraservice.observability.HealthRegistry;
import io.cameraservice.observability.MetricsReport;
import io.cameraservice.system.Capabilities;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/** What every feature is built on: configuration, time, Vert.x, metrics, bounded pools, events, health. */
final class Core {

  final ServiceConfig config;
  final Clock clock;
  final ClockTimeMeter time;
  final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Vertx vertx;
  final WorkPools pools;
  final EventHub events;
  final HealthRegistry health = new HealthRegistry();
  final MetricsReport report = new MetricsReport();
  final Capabilities capabilities = new Capabilities();

  Core(ServiceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.time = new ClockTimeMeter(clock);
    try {
      FileModes.folder(dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir(), e);
    }
    StorageSettings.createPrivateDirectory(config.storage().statePath());
    this.vertx = Vertx.builder()
        .with(new VertxOptions()
            .setEventLoopPoolSize(config.server().effectiveEventLoops())
            .setPreferNativeTransport(config.server().nativeTransport())
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    this.pools = new WorkPools(config.limits().queues(), metrics);
    this.events = new EventHub(clock, metrics);
  }

  Path dataDir() {
    return config.storage().dataPath();
  }

  String secret() {
    return config.auth().jwtSecret();
  }
}
