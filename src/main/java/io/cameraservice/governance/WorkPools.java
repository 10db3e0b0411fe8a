package io.cameraservice.governance;

import io.cameraservice.config.LimitsSettings.QueueSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's bounded pools, one per kind of blocking work, sized by {@code limits.queues.<pool>}:
 * {@code fs} (file system), {@code db} (media catalog) and {@code process} (ffmpeg, ffprobe, v4l2-ctl).
 */
public final class WorkPools implements AutoCloseable {

  public static final String FS = "fs";
  public static final String DB = "db";
  public static final String PROCESS = "process";

  private final Map<String, WorkPool> pools = new LinkedHashMap<>();

  public WorkPools(Map<String, QueueSettings> settings, MeterRegistry registry) {
    settings.forEach((name, q) -> {
      WorkPool pool = new WorkPool(name, q.threads(), q.capacity());
      pools.put(name, pool);
      Gauge.builder("work_queue_depth", pool, WorkPool::queued).tag("pool", name)
          .description("Tasks waiting for a thread of this pool").register(registry);
      Gauge.builder("work_queue_capacity", pool, WorkPool::capacity).tag("pool", name).register(registry);
      Gauge.builder("work_active", pool, WorkPool::active).tag("pool", name)
          .description("Tasks running on this pool now").register(registry);
    });
    for (String required : new String[] {FS, DB, PROCESS}) {
      if (!pools.containsKey(required)) {
        throw new IllegalArgumentException("limits.queues." + required + " is not configured");
      }
    }
  }

  public WorkPool fs() {
    return pools.get(FS);
  }

  public WorkPool db() {
    return pools.get(DB);
  }

  public WorkPool process() {
    return pools.get(PROCESS);
  }

  @Override
  public void close() {
    pools.values().forEach(p -> p.close(5_000));
  }
}
