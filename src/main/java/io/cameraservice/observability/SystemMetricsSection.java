package io.cameraservice.observability;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The {@code system_metrics} section of {@code get_metrics}: this process and the data directory's disk. */
public final class SystemMetricsSection implements Supplier<JsonObject> {

  private final ProcessStats process;
  private final Path dataDir;

  public SystemMetricsSection(ProcessStats process, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
  }

  @Override
  public JsonObject get() {
    long rss = process.rssBytes();
    JsonObject out = new JsonObject()
        .put("cpu_usage", round(process.cpuPercentOfMachine()))
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
