package io.cameraservice.governance.resources;

import io.cameraservice.observability.DiskSpace;
import io.cameraservice.observability.ProcessStats;
import java.io.IOException;
import java.nio.file.Path;

/** Reads this JVM (JMX, procfs), its descendants (procfs) and the data directory's file system. */
public final class ProcessSampler implements ResourceSampler {

  private final ProcessStats process = new ProcessStats();
  private final ChildUsageSampler children = new ChildUsageSampler();
  private final LiveHeap heap = LiveHeap.ofThisJvm();
  private final Path dataDir;
  private final long heapBudgetBytes;
  private long previousCpuNanos;
  private long previousNanos;

  /** @param heapBudgetBytes {@code resources.heap_bytes}; 0 = the maximum heap */
  public ProcessSampler(Path dataDir, long heapBudgetBytes) {
    this.dataDir = dataDir;
    this.heapBudgetBytes = heapBudgetBytes;
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
    ChildUsageSampler.Usage kids = children.sample();
    long diskFree = -1;
    long diskTotal = -1;
    try {
      DiskSpace disk = DiskSpace.of(dataDir);
      diskFree = disk.freeBytes();
      diskTotal = disk.totalBytes();
    } catch (IOException e) {
      // reported as unknown; the disk rule then holds its state
    }
    long heapMax = process.heapMaxBytes();
    long heapUsed = heap.usedBytes(heapBudgetBytes > 0 ? heapBudgetBytes : heapMax);
    return new ResourceSample(serviceCores, kids.cpuCores(), process.rssBytes(), kids.rssBytes(),
        heapUsed, heapMax, process.threadCount(), process.openFiles(),
        process.openFilesLimit(), diskFree, diskTotal, kids.count(), process.availableProcessors(),
        process.totalMemoryBytes());
  }
}
