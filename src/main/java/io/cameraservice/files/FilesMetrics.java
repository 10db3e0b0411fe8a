package io.cameraservice.files;

import io.cameraservice.observability.LatencyPercentiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The catalog's meters: files and bytes per kind, listing latency, deletions and bytes freed per reason. */
public final class FilesMetrics {

  private final MeterRegistry registry;
  private final Map<MediaKind, Timer> listLatency = new EnumMap<>(MediaKind.class);
  private final Map<DeletionReason, Counter> deletedFiles = new EnumMap<>(DeletionReason.class);
  private final Map<DeletionReason, Counter> deletedBytes = new EnumMap<>(DeletionReason.class);

  public FilesMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (MediaKind kind : MediaKind.values()) {
      listLatency.put(kind, Timer.builder("media_list_seconds")
          .description("Time to answer a listing from the catalog (database work, queueing included)")
          .tag("kind", kind.resource())
          .publishPercentiles(0.5, 0.95, 0.99)
          .distributionStatisticExpiry(Duration.ofMinutes(1))
          .register(registry));
    }
    for (DeletionReason reason : DeletionReason.values()) {
      deletedFiles.put(reason, Counter.builder("media_deleted_files_total").tag("reason", reason.label())
          .register(registry));
      deletedBytes.put(reason, Counter.builder("media_deleted_bytes_total").description("Bytes freed by deletions")
          .tag("reason", reason.label()).register(registry));
    }
  }

  /** Publishes the catalog's size per kind. */
  public void watch(Supplier<CatalogTotals> totals) {
    for (MediaKind kind : MediaKind.values()) {
      Gauge.builder("media_catalog_files", () -> totals.get().files(kind)).tag("kind", kind.resource())
          .register(registry);
      Gauge.builder("media_catalog_bytes", () -> totals.get().bytes(kind)).tag("kind", kind.resource())
          .register(registry);
    }
  }

  void listed(MediaKind kind, long nanos) {
    listLatency.get(kind).record(nanos, TimeUnit.NANOSECONDS);
  }

  void deleted(DeletionReason reason, long bytes) {
    deletedFiles.get(reason).increment();
    deletedBytes.get(reason).increment(bytes);
  }

  /** Deletions and bytes freed per reason, listing latency per kind (ms, last minute or so). */
  public FileActivity activity() {
    Map<DeletionReason, FileActivity.Deletions> deletions = new EnumMap<>(DeletionReason.class);
    deletedFiles.forEach((reason, files) -> deletions.put(reason,
        new FileActivity.Deletions((long) files.count(), (long) deletedBytes.get(reason).count())));
    Map<MediaKind, FileActivity.ListingLatency> latency = new EnumMap<>(MediaKind.class);
    listLatency.forEach((kind, timer) -> latency.put(kind,
        new FileActivity.ListingLatency(timer.count(), LatencyPercentiles.of(timer))));
    return new FileActivity(deletions, latency);
  }
}
