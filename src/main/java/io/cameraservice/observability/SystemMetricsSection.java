package io.cameraservice.observability;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** The {@code system_metrics} section of {@code get_metrics}: this process and the data directory's disk. */
public final class SystemMetricsSection implements Supplier<JsonObject> {

  private final ProcessStats process;
  private final Path dataDir;
  private final DoubleSupplier cpuPercent;

  /**
   * @param cpuPercent this process's CPU over the resource monitor's last sample interval, as a percentage of the
   *     machine (-1 before the first sample). Not the JVM's "recent process CPU load": that window restarts at
   *     every reader, and the Prometheus scrape is one too, so the two would cut each other's windows short.
   */
  public SystemMetricsSection(ProcessStats process, Path dataDir, DoubleSupplier cpuPercent) {
    this.process = process;
    this.dataDir = dataDir;
    this.cpuPercent = cpuPercent;
  }

  @Override
  public JsonObject get() {
    long rss = process.rssBytes();
    double cpu = cpuPercent.getAsDouble();
    JsonObject out = new JsonObject()
        .put("cpu_usage", cpu < 0 ? -1 : round(cpu))
        .put("memory_usage", rss < 0 ? null : round(100.0 * rss / process.totalMemoryBytes()))
        .put("rss_bytes", rss)
        .put("heap_used_bytes", process.heapUsedBytes())
        .put("heap_max_bytes", process.heapMaxBytes())
        .put("threads", process.threadCount())
        .put("open_files", process.openFiles())
        .put("cpu_cores", process.availableProcessors());
    try {
      DiskSpace disk = DiskSpace.of(dataDir);
      out.put("disk_usage", round(disk.usedPercent()))
          .put("disk_total_bytes", disk.totalBytes())
          .put("disk_free_bytes", disk.freeBytes());
    } catch (IOException e) {
      out.put("disk_usage", null).put("disk_error", e.getClass().getSimpleName());
    }
    return out;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
