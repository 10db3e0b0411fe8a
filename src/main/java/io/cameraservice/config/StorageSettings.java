package io.cameraservice.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;

public record StorageSettings(
    String dataDir,
    long minFreeBytes,
    int minFreePercent,
    int warningFreePercent,
    boolean reclaimWhenFull,
    int checkIntervalSeconds,
    int sweepIntervalSeconds,
    int probeConcurrency,
    int listingCachePages,
    String fileGroup) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.notBlank(prefix + ".data_dir", dataDir);
    problems.range(prefix + ".min_free_bytes", minFreeBytes, 0, Long.MAX_VALUE);
    problems.range(prefix + ".min_free_percent", minFreePercent, 0, 90);
    problems.range(prefix + ".warning_free_percent", warningFreePercent, 0, 95);
    if (warningFreePercent < minFreePercent) {
      problems.add(prefix + ".warning_free_percent", "must not be below storage.min_free_percent");
    }
    problems.range(prefix + ".check_interval_seconds", checkIntervalSeconds, 1, 3600);
    problems.range(prefix + ".sweep_interval_seconds", sweepIntervalSeconds, 1, 86400);
    problems.range(prefix + ".probe_concurrency", probeConcurrency, 1, 16);
    problems.range(prefix + ".listing_cache_pages", listingCachePages, 0, 10_000);
    if (fileGroup != null) {
      try {
        FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(fileGroup);
      } catch (IOException | UnsupportedOperationException e) {
        problems.add(prefix + ".file_group", "must name a group of this system (got '" + fileGroup + "')");
      }
    }
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  /** Durable service state: API keys, retention policy, generated secrets (a {@code fs.PrivateDirectory}). */
  public Path statePath() {
    return dataPath().resolve("state");
  }

  /** The media catalog's database. */
  public Path catalogPath() {
    return dataPath().resolve("catalog.db");
  }
}
