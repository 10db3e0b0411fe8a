package io.cameraservice.config;

public record DownloadSettings(int urlTtlSeconds) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".url_ttl_seconds", urlTtlSeconds, 10, 7 * 86400);
  }
}
