package io.cameraservice.governance.resources;

import io.cameraservice.config.ResourcesSettings;

/**
 * The budgets in force, with the "derive from the host" defaults resolved. CPU and RSS budgets cover the service and
 * its child processes together; heap and open files cover the service alone.
 */
public record ResourceBudgets(double cpuCores, long rssBytes, long heapBytes, long openFiles) {

  /** Share of the cores used as the CPU budget when none is configured. */
  static final double DEFAULT_CPU_SHARE = 0.8;

  public static ResourceBudgets resolve(ResourcesSettings settings, ResourceSample host) {
    return new ResourceBudgets(
        settings.cpuPercent() > 0 ? settings.cpuPercent() / 100.0 : DEFAULT_CPU_SHARE * host.cpuCores(),
        settings.rssBytes() > 0 ? settings.rssBytes() : host.physicalMemoryBytes() / 2,
        settings.heapBytes() > 0 ? settings.heapBytes() : host.heapMaxBytes(),
        settings.openFiles() > 0 ? settings.openFiles() : host.openFilesLimit());
  }
}
