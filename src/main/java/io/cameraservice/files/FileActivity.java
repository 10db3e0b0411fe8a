package io.cameraservice.files;

import java.util.Map;

/**
 * What the catalog's meters have counted: deletions per reason and listing latency per kind, in the enums' order.
 */
public record FileActivity(Map<DeletionReason, Deletions> deletions, Map<MediaKind, ListingLatency> listLatency) {

  public record Deletions(long files, long bytesFreed) {}

  /** @param percentilesMs the timer's percentiles as {@code LatencyPercentiles} names them */
  public record ListingLatency(long count, Map<String, Object> percentilesMs) {}
}
