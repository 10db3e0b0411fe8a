package io.cameraservice.app;

import io.cameraservice.config.ConfigException;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.config.StorageSettings;
import io.cameraservice.events.EventHub;
import io.cameraservice.files.FileModes;
import io.cameraservice.fs.PrivateDirectory;
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
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

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
    prepareDataDir(config.storage());
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

  /** A data directory the service cannot use is a configuration problem of the key naming it, not a crash. */
  private static void prepareDataDir(StorageSettings storage) {
    try {
      FileModes.folder(storage.dataPath());
      shareWithGroup(storage);
      PrivateDirectory.create(storage.statePath());
      if (!Files.isWritable(storage.dataPath())) {
        throw new AccessDeniedException(storage.dataPath().toString());
      }
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
      throw new ConfigException("storage.data_dir", "cannot create/write '" + storage.dataDir() + "': "
          + reason(cause, storage.dataPath()));
    }
  }

  private static void shareWithGroup(StorageSettings storage) {
    if (storage.fileGroup() == null) {
      return;
    }
    try {
      FileModes.shareWithGroup(storage.dataPath(), storage.fileGroup());
    } catch (IOException e) {
      throw new ConfigException("storage.file_group", "cannot give '" + storage.dataDir() + "' to group '"
          + storage.fileGroup() + "': " + (e instanceof FileSystemException fs && fs.getReason() != null
              ? fs.getReason() : e.getMessage()) + " (the service's user must be a member of the group)");
    }
  }

  private static String reason(IOException e, Path dataDir) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " is not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      String reason = fs.getReason().toLowerCase(Locale.ROOT);
      return dataDir.toString().equals(fs.getFile()) ? reason : fs.getFile() + ": " + reason;
    }
    return "input/output error";
  }

  Path dataDir() {
    return config.storage().dataPath();
  }

  String secret() {
    return config.auth().jwtSecret();
  }
}
