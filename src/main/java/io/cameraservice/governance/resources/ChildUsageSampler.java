package io.cameraservice.governance.resources;

import io.cameraservice.observability.ProcessStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU and resident memory of every descendant of this JVM (ffmpeg pipelines, probes), read from
 * {@code /proc/<pid>/stat}. CPU is the growth of each child's user+system time between two readings; a child that
 * starts and exits between two readings is not seen.
 */
final class ChildUsageSampler {

  /** USER_HZ, the unit of procfs CPU times: 100 on every Linux architecture the JVM runs on. */
  private static final double TICKS_PER_SECOND = 100;
  /** Field positions after the command name: state is field 3 of the line, utime 14, stime 15, rss 24. */
  private static final int UTIME = 14 - 3;
  private static final int STIME = 15 - 3;
  private static final int RSS_PAGES = 24 - 3;

  /** Children at one moment: how many, the cores they used since the previous reading, and their memory. */
  record Usage(int count, double cpuCores, long rssBytes) {}

  private Map<Long, Long> previousTicks = new HashMap<>();
  private long previousNanos;

  ChildUsageSampler() {
    sample();
  }

  synchronized Usage sample() {
    long now = System.nanoTime();
    Map<Long, Long> ticks = new HashMap<>();
    long rssPages = 0;
    long grownTicks = 0;
    for (ProcessHandle child : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
      long pid = child.pid();
      long[] stat = readStat(pid);
      if (stat == null) {
        continue; // exited meanwhile
      }
      long total = stat[0];
      ticks.put(pid, total);
      rssPages += stat[1];
      // A child not seen before started after the previous reading, so all of its time falls in this interval.
      grownTicks += total - previousTicks.getOrDefault(pid, 0L);
    }
    double seconds = (now - previousNanos) / 1e9;
    double cores = previousNanos == 0 || seconds <= 0 ? 0.0 : Math.max(0, grownTicks) / TICKS_PER_SECOND / seconds;
    previousTicks = ticks;
    previousNanos = now;
    return new Usage(ticks.size(), cores, rssPages * ProcessStats.PAGE_SIZE);
  }

  /** CPU ticks (user + system) and resident pages of a process, or null when it is gone or unreadable. */
  private static long[] readStat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name may itself hold spaces and parentheses: fields are counted from its closing one.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
      return new long[] {Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]),
          Long.parseLong(fields[RSS_PAGES])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
