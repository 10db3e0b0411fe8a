package io.cameraservice.testing;

import io.cameraservice.governance.resources.ResourceSample;
import io.cameraservice.governance.resources.ResourceSampler;

/**
 * Resource readings a test sets by hand, standing in for the JVM's own: budgets, alerts and load shedding are then
 * driven to exact values instead of by loading the test machine. Starts calm: 2 cores, 8 GiB, little in use.
 */
public final class ScriptedSampler implements ResourceSampler {

  public static final long GIB = 1L << 30;

  private volatile double serviceCpuCores = 0.1;
  private volatile double childCpuCores;
  private volatile long serviceRssBytes = 200L << 20;
  private volatile long childRssBytes;
  private volatile long heapUsedBytes = 100L << 20;
  private volatile long diskFreeBytes = 50 * GIB;

  public ScriptedSampler cpu(double serviceCores, double childCores) {
    this.serviceCpuCores = serviceCores;
    this.childCpuCores = childCores;
    return this;
  }

  public ScriptedSampler rss(long serviceBytes, long childBytes) {
    this.serviceRssBytes = serviceBytes;
    this.childRssBytes = childBytes;
    return this;
  }

  public ScriptedSampler heapUsed(long bytes) {
    this.heapUsedBytes = bytes;
    return this;
  }

  public ScriptedSampler diskFree(long bytes) {
    this.diskFreeBytes = bytes;
    return this;
  }

  @Override
  public ResourceSample sample() {
    return new ResourceSample(serviceCpuCores, childCpuCores, serviceRssBytes, childRssBytes, heapUsedBytes, GIB,
        40, 100, 1024, diskFreeBytes, 100 * GIB, childRssBytes > 0 ? 1 : 0, 2, 8 * GIB);
  }
}
