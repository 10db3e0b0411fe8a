package io.cameraservice.config;

import java.nio.file.Path;

public record V4l2Settings(boolean enabled, String sysRoot, String devRoot, String probeCommand,
    int scanIntervalSeconds, String preferredSize, int preferredFps) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.notBlank(prefix + ".sys_root", sysRoot);
    problems.notBlank(prefix + ".dev_root", devRoot);
    problems.notBlank(prefix + ".probe_command", probeCommand);
    problems.range(prefix + ".scan_interval_seconds", scanIntervalSeconds, 1, 3600);
    Ids.checkSize(prefix + ".preferred_size", preferredSize, problems);
    problems.range(prefix + ".preferred_fps", preferredFps, 1, 240);
  }

  public Path sysPath() {
    return Path.of(sysRoot);
  }

  public Path devPath() {
    return Path.of(devRoot);
  }
}
