package io.cameraservice.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where scenarios keep their servers' data, and how long they may take. */
final class BenchEnv {

  private final Path workDir;
  private final double timeScale;
  private final int clientEventLoops;

  /**
   * @param timeScale multiplies every scenario's durations (1.0 for a full run, smaller for a quick check)
   */
  BenchEnv(Path workDir, double timeScale, int clientEventLoops) {
    this.workDir = workDir;
    this.timeScale = timeScale;
    this.clientEventLoops = clientEventLoops;
  }

  BenchServer.Options server(String scenario) throws java.io.IOException {
    return BenchServer.options(Files.createDirectories(workDir.resolve(scenario)));
  }

  java.time.Duration seconds(double fullRunSeconds) {
    return java.time.Duration.ofMillis(Math.max(200, (long) (fullRunSeconds * timeScale * 1000)));
  }

  int clientEventLoops() {
    return clientEventLoops;
  }
}
