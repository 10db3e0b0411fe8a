package io.cameraservice.governance.resources;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One sample with the budgets it is measured against and the event-loop delays of the same interval: the values
 * behind the {@code resource_*} gauges, the {@code resources} section of {@code get_metrics} (rendered by
 * {@code governance.GovernanceMethods}) and the alert rules.
 * Ratios are NaN when a value or its budget is unknown.
 *
 * @param loopDelaySeconds per event loop (thread name), the largest lateness of its probe timer in the interval
 */
public record ResourceSnapshot(Instant at, ResourceSample sample, ResourceBudgets budgets,
    Map<String, Double> loopDelaySeconds) {

  /** A single-valued reading of a snapshot, under the name of the gauge that shows it. */
  public record Reading(String name, String description, ToDoubleFunction<ResourceSnapshot> value) {}

  /**
   * Every reading by name: each is a gauge, and a metric alert rules may watch. {@code resource_cpu_usage_cores} and
   * {@code resource_rss_bytes} are the totals of service and children (their gauges also carry per-scope values),
   * {@code event_loop_delay_seconds} the worst loop (its gauges carry one value per loop).
   */
  public static final List<Reading> READINGS = List.of(
      new Reading("resource_cpu_usage_cores", "CPU used over the last sample interval, in cores (1 = one core busy)",
          ResourceSnapshot::totalCpuCores),
      new Reading("resource_cpu_budget_cores", "CPU budget of the service and its children, in cores",
          s -> s.budgets.cpuCores()),
      new Reading("resource_cpu_budget_ratio", "CPU of the service and its children over the CPU budget",
          ResourceSnapshot::cpuBudgetRatio),
      new Reading("resource_cpu_machine_ratio", "CPU of the service and its children over all cores of the host",
          ResourceSnapshot::cpuMachineRatio),
      new Reading("resource_rss_bytes", "Resident memory", s -> known(s.totalRssBytes())),
      new Reading("resource_rss_budget_bytes", "RSS budget of the service and its children",
          s -> known(s.budgets.rssBytes())),
      new Reading("resource_rss_budget_ratio", "RSS of the service and its children over the RSS budget",
          ResourceSnapshot::rssBudgetRatio),
      new Reading("resource_heap_used_bytes", "Java heap in use", s -> known(s.sample.heapUsedBytes())),
      new Reading("resource_heap_max_bytes", "Java heap maximum (-Xmx)", s -> known(s.sample.heapMaxBytes())),
      new Reading("resource_heap_budget_bytes", "Java heap budget", s -> known(s.budgets.heapBytes())),
      new Reading("resource_heap_budget_ratio", "Java heap in use over the heap budget",
          ResourceSnapshot::heapBudgetRatio),
      new Reading("resource_open_files", "Open file descriptors of the service", s -> known(s.sample.openFiles())),
      new Reading("resource_open_files_budget", "Open file descriptor budget", s -> known(s.budgets.openFiles())),
      new Reading("resource_open_files_budget_ratio", "Open file descriptors over their budget",
          ResourceSnapshot::openFilesBudgetRatio),
      new Reading("resource_threads", "Live threads of the service", s -> s.sample.threads()),
      new Reading("resource_child_processes", "Descendant processes (ffmpeg, probes)",
          s -> s.sample.childProcesses()),
      new Reading("resource_disk_free_bytes", "Free space for the service on the data directory's file system",
          s -> known(s.sample.diskFreeBytes())),
      new Reading("resource_disk_total_bytes", "Size of the data directory's file system",
          s -> known(s.sample.diskTotalBytes())),
      new Reading("resource_disk_free_ratio", "Free over total space of the data directory's file system",
          ResourceSnapshot::diskFreeRatio),
      new Reading("event_loop_delay_seconds",
          "Worst lateness of the event loop's probe timer over the last sample interval",
          ResourceSnapshot::maxLoopDelaySeconds));

  public ResourceSnapshot {
    loopDelaySeconds = Map.copyOf(loopDelaySeconds);
  }

  public double totalCpuCores() {
    return sample.serviceCpuCores() + sample.childCpuCores();
  }

  public double cpuBudgetRatio() {
    return ratio(totalCpuCores(), budgets.cpuCores());
  }

  /** CPU of the service and its children as a share of the whole machine. */
  public double cpuMachineRatio() {
    return ratio(totalCpuCores(), sample.cpuCores());
  }

  public long totalRssBytes() {
    return sample.serviceRssBytes() < 0 || sample.childRssBytes() < 0 ? -1
        : sample.serviceRssBytes() + sample.childRssBytes();
  }

  public double rssBudgetRatio() {
    return ratio(totalRssBytes(), budgets.rssBytes());
  }

  public double heapBudgetRatio() {
    return ratio(sample.heapUsedBytes(), budgets.heapBytes());
  }

  public double openFilesBudgetRatio() {
    return ratio(sample.openFiles(), budgets.openFiles());
  }

  public double diskFreeRatio() {
    return ratio(sample.diskFreeBytes(), sample.diskTotalBytes());
  }

  /** The worst event loop's delay in the interval (0 before any probe reported). */
  public double maxLoopDelaySeconds() {
    return loopDelaySeconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** A count or size as a gauge value: NaN when unknown (-1). */
  public static double known(long value) {
    return value < 0 ? Double.NaN : value;
  }

  private static double ratio(double used, double budget) {
    return used < 0 || !(budget > 0) ? Double.NaN : used / budget;
  }
}
