package io.cameraservice.governance;

import io.cameraservice.config.LimitsSettings.QueueSettings;
import java.util.Collection;
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

  public WorkPools(Map<String, QueueSettings> settings) {
    settings.forEach((name, q) -> pools.put(name, new WorkPool(name, q.threads(), q.capacity())));
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

  public Collection<WorkPool> all() {
    return pools.values();
  }

  @Override
  public void close() {
    pools.values().forEach(p -> p.close(5_000));
  }
}
