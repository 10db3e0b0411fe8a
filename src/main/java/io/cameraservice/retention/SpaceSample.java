package io.cameraservice.retention;

/**
 * The data directory's file system at one moment.
 *
 * @param usable bytes this process may still write (what the floor is compared with)
 * @param unallocated bytes not used by anything (reserved blocks included)
 */
public record SpaceSample(long total, long usable, long unallocated) {

  public long used() {
    return Math.max(0, total - unallocated);
  }

  public double usagePercent() {
    return total == 0 ? 0 : Math.round(10_000.0 * used() / total) / 100.0;
  }
}
