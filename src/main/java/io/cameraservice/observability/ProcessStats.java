package io.cameraservice.observability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resource use from the JVM and from {@code /proc}. Blocking (procfs): call off the loop. */
public final class ProcessStats {

  /** Linux page size on the architectures this service runs on; procfs counts memory in pages. */
  public static final long PAGE_SIZE = 4096;
  private static final Path STATM = Path.of("/proc/self/statm");
  private static final Path FDS = Path.of("/proc/self/fd");

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU time used by this process so far, in nanoseconds. */
  public long cpuTimeNanos() {
    return os.getProcessCpuTime();
  }

  public int availableProcessors() {
    return os.getAvailableProcessors();
  }

  public long totalMemoryBytes() {
    return os.getTotalMemorySize();
  }

  /** Resident set size, or -1 where /proc is not available. */
  public long rssBytes() {
    try {
      String[] fields = Files.readString(STATM).trim().split("\\s+");
      return Long.parseLong(fields[1]) * PAGE_SIZE;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public long heapUsedBytes() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  public long heapMaxBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  public int threadCount() {
    return threads.getThreadCount();
  }

  /** The most file descriptors this process may open (its soft limit), or -1 where the JVM cannot tell. */
  public long openFilesLimit() {
    return os instanceof com.sun.management.UnixOperatingSystemMXBean
        ? ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount() : -1;
  }

  /**
   * Open file descriptors; the limit when they cannot be counted because none is left (counting opens
   * {@code /proc/self/fd}, and at the limit that fails: the alert must fire then, not read "unknown"); -1 where
   * /proc is not available.
   */
  public long openFiles() {
    long count = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
      for (Path ignored : fds) {
        count++;
      }
      return count;
    } catch (IOException e) {
      // Files.isDirectory needs no descriptor (stat): the directory is there, so opening it failed for want of one.
      return Files.isDirectory(FDS) ? openFilesLimit() : -1;
    }
  }
}
