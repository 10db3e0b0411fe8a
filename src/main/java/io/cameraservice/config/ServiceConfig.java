package io.cameraservice.config;

/**
 * The whole validated configuration. Each section is a record of its own; {@link ConfigLoader} builds it from the
 * defaults, the user file and the environment.
 */
public record ServiceConfig(
    ServerSettings server,
    AuthSettings auth,
    StorageSettings storage,
    RetentionSettings retention,
    DownloadSettings downloads,
    CameraSettings cameras,
    MediaSettings media,
    RecordingSettings recording,
    LimitsSettings limits,
    ResourcesSettings resources,
    AlertsSettings alerts,
    MetricsSettings metrics,
    LoggingSettings logging) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    server.validate("server", problems);
    auth.validate("auth", problems);
    storage.validate("storage", problems);
    retention.validate("retention", problems);
    downloads.validate("downloads", problems);
    cameras.validate("cameras", problems);
    media.validate("media", problems);
    recording.validate("recording", problems);
    limits.validate("limits", problems);
    resources.validate("resources", problems);
    alerts.validate("alerts", problems);
    logging.validate("logging", problems);
  }
}
