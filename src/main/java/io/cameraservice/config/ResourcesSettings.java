package io.cameraservice.config;

/**
 * {@code resources.*}: how often the resource monitor samples, and the budgets its ratios are measured against. A
 * budget of 0 means "derive it from this host" (see {@code defaults.yaml}).
 */
public record ResourcesSettings(int sampleIntervalSeconds, int loopProbeIntervalMs, int cpuPercent, long rssBytes,
    long heapBytes, long openFiles) implements Validated {

  private static final long MIB = 1L << 20;

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".sample_interval_seconds", sampleIntervalSeconds, 1, 3600);
    problems.range(prefix + ".loop_probe_interval_ms", loopProbeIntervalMs, 10, 60_000);
    problems.range(prefix + ".cpu_percent", cpuPercent, 0, 100_000);
    zeroOrAtLeast(problems, prefix + ".rss_bytes", rssBytes, 16 * MIB);
    zeroOrAtLeast(problems, prefix + ".heap_bytes", heapBytes, 16 * MIB);
    zeroOrAtLeast(problems, prefix + ".open_files", openFiles, 16);
  }

  private static void zeroOrAtLeast(ConfigProblems problems, String key, long value, long min) {
    if (value != 0 && value < min) {
      problems.add(key, "must be 0 (derived from the host) or at least " + min + " (got " + value + ")");
    }
  }
}
