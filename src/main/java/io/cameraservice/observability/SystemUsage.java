package io.cameraservice.observability;

/**
 * This process and the data directory's disk at one moment (the {@code system_metrics} section of
 * {@code get_metrics}, rendered by {@code system.SystemMethods}). Unknown counts and bytes are -1.
 *
 * @param cpuPercent CPU over the resource monitor's last sample interval, as a percentage of the machine; -1 before
 *     the first sample
 * @param disk the data directory's file system, or null when it could not be read ({@code diskError} says why)
 */
public record SystemUsage(double cpuPercent, long rssBytes, long totalMemoryBytes, long heapUsedBytes,
    long heapMaxBytes, int threads, long openFiles, int cpuCores, DiskSpace disk, String diskError) {}
