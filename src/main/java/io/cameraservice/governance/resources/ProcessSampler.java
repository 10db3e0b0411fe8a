package io.cameraservice.governance.resources;

import io.cameraservice.observability.DiskSpace;
import io.cameraservice.observability.ProcessStats;
import java.io.IOException;
import java.nio.file.Path;

/** Reads this JVM (JMX, procfs), its descendants (procfs) and the data directory's file system. */
public final class ProcessSampler implements ResourceSampler {

  private final ProcessStats process = new ProcessStats();
  private final ChildProcesses children = new ChildProcesses();
  private final Path dataDir;
  private long previousCpuNanos;
  private long previousNanos;

  public ProcessSampler(Path dataDir) {
    this.dataDir = dataDir;
    this.previousCpuNanos = process.cpuTimeNanos();
    this.previousNanos = System.nanoTime();
  }

  @Override
  public synchronized ResourceSample sample() {
    long now = System.nanoTime();
    long cpu = process.cpuTimeNanos();
    double serviceCores = cpu < 0 || now == previousNanos ? Double.NaN
        : (double) (cpu - previousCpuNanos) / (now - previousNanos);
    previousCpuNanos = cpu;
    previousNanos = now;
    ChildProcesses.Usage kids = children.sample();
    long diskFree = -1;
    long diskTotal = -1;
    try {
      DiskSpace disk = DiskSpace.of(dataDir);
      diskFree = disk.freeBytes();
      diskTotal = disk.totalBytes();
    } catch (IOException e) {
      // reported as unknown; the disk rule then holds its state
    }
    return new ResourceSample(serviceCores, kids.cpuCores(), process.rssBytes(), kids.rssBytes(),
        process.heapUsedBytes(), process.heapMaxBytes(), process.threadCount(), process.openFiles(),
        process.openFilesLimit(), diskFree, diskTotal, kids.count(), process.availableProcessors(),
        process.totalMemoryBytes());
  }
}
