package io.cameraservice.observability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;

/** Reads this process's use and the data directory's disk: the values behind {@code system_metrics}. */
public final class SystemUsageReader {

  private final ProcessStats process;
  private final Path dataDir;
  private final DoubleSupplier cpuPercent;

  /**
   * @param cpuPercent this process's CPU over the resource monitor's last sample interval, as a percentage of the
   *     machine (-1 before the first sample). Not the JVM's "recent process CPU load": that window restarts at
   *     every reader, and the Prometheus scrape is one too, so the two would cut each other's windows short.
   */
  public SystemUsageReader(ProcessStats process, Path dataDir, DoubleSupplier cpuPercent) {
    this.process = process;
    this.dataDir = dataDir;
    this.cpuPercent = cpuPercent;
  }

  public SystemUsage read() {
    DiskSpace disk = null;
    String diskError = null;
    try {
      disk = DiskSpace.of(dataDir);
    } catch (IOException e) {
      diskError = e.getClass().getSimpleName();
    }
    return new SystemUsage(cpuPercent.getAsDouble(), process.rssBytes(), process.totalMemoryBytes(),
        process.heapUsedBytes(), process.heapMaxBytes(), process.threadCount(), process.openFiles(),
        process.availableProcessors(), disk, diskError);
  }
}
