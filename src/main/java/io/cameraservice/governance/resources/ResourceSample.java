package io.cameraservice.governance.resources;

/**
 * One reading of what this service uses. CPU is in cores (1.0 = one core busy for the whole interval) averaged over
 * the interval since the previous sample; unknown values are NaN (doubles) or -1 (counts and bytes).
 *
 * @param serviceCpuCores this JVM alone
 * @param childCpuCores every descendant process of this JVM (ffmpeg, ffprobe, ...) alive at both samples or started
 *     in between
 * @param childProcesses descendants alive now
 * @param cpuCores cores this JVM may use
 */
public record ResourceSample(
    double serviceCpuCores,
    double childCpuCores,
    long serviceRssBytes,
    long childRssBytes,
    long heapUsedBytes,
    long heapMaxBytes,
    int threads,
    long openFiles,
    long openFilesLimit,
    long diskFreeBytes,
    long diskTotalBytes,
    int childProcesses,
    int cpuCores,
    long physicalMemoryBytes) {}
