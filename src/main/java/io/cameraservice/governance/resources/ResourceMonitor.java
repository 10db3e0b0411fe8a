package io.cameraservice.governance.resources;

import static io.cameraservice.governance.resources.ResourceSnapshot.known;

import io.cameraservice.config.ResourcesSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the service's resource use, holds the latest {@link ResourceSnapshot}, and exposes it as
 * {@code resource_*} and {@code event_loop_delay_seconds} gauges and, through {@link #latest()}, as the
 * {@code resources} section of {@code get_metrics}. {@link #sample()} blocks briefly (procfs): it runs on the
 * governance thread.
 */
public final class ResourceMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);
  /** Readings whose gauges carry a {@code scope} tag (service, children, total) instead of one value. */
  private static final Set<String> PER_SCOPE = Set.of("resource_cpu_usage_cores", "resource_rss_bytes");
  private static final String LOOP_DELAY = "event_loop_delay_seconds";

  private final ResourcesSettings settings;
  private final ResourceSampler sampler;
  private final EventLoopDelayProbe probe;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Set<String> loopGauges = ConcurrentHashMap.newKeySet();
  private volatile ResourceSnapshot latest;

  public ResourceMonitor(ResourcesSettings settings, ResourceSampler sampler, EventLoopDelayProbe probe, Clock clock,
      MeterRegistry registry) {
    this.settings = settings;
    this.sampler = sampler;
    this.probe = probe;
    this.clock = clock;
    this.registry = registry;
    registerGauges();
  }

  /** Takes a sample now and makes it the latest. */
  public ResourceSnapshot sample() {
    ResourceSample sample = sampler.sample();
    Map<String, Double> delays = probe.takeWorstSeconds();
    ResourceSnapshot snapshot = new ResourceSnapshot(clock.instant(), sample,
        ResourceBudgets.resolve(settings, sample), delays);
    if (latest == null) {
      ResourceBudgets b = snapshot.budgets();
      LOG.info("resource budgets: cpu {}% of one core and rss {} bytes (service + children), heap {} bytes, "
          + "{} open files", Math.round(b.cpuCores() * 100), b.rssBytes(), b.heapBytes(), b.openFiles());
      if (sample.heapMaxBytes() >= b.rssBytes()) {
        LOG.warn("the maximum heap ({} bytes) does not fit in the RSS budget ({} bytes): set -Xmx lower or "
            + "raise resources.rss_bytes", sample.heapMaxBytes(), b.rssBytes());
      }
    }
    latest = snapshot;
    delays.keySet().forEach(this::registerLoopGauge);
    return snapshot;
  }

  /** The latest sample, or null before the first. */
  public ResourceSnapshot latest() {
    return latest;
  }

  private void registerGauges() {
    for (ResourceSnapshot.Reading reading : ResourceSnapshot.READINGS) {
      if (!PER_SCOPE.contains(reading.name()) && !reading.name().equals(LOOP_DELAY)) {
        Gauge.builder(reading.name(), this, m -> m.read(reading.value())).description(reading.description())
            .register(registry);
      }
    }
    scoped("resource_cpu_usage_cores", "CPU used over the last sample interval, in cores (1 = one core busy)",
        s -> s.sample().serviceCpuCores(), s -> s.sample().childCpuCores(), ResourceSnapshot::totalCpuCores);
    scoped("resource_rss_bytes", "Resident memory", s -> known(s.sample().serviceRssBytes()),
        s -> known(s.sample().childRssBytes()), s -> known(s.totalRssBytes()));
  }

  private void scoped(String name, String description, ToDoubleFunction<ResourceSnapshot> service,
      ToDoubleFunction<ResourceSnapshot> children, ToDoubleFunction<ResourceSnapshot> total) {
    Map.of("service", service, "children", children, "total", total).forEach((scope, value) ->
        Gauge.builder(name, this, m -> m.read(value)).description(description).tag("scope", scope)
            .register(registry));
  }

  private void registerLoopGauge(String loop) {
    if (loopGauges.add(loop)) {
      Gauge.builder(LOOP_DELAY, this, m -> m.read(s -> s.loopDelaySeconds().getOrDefault(loop, 0.0)))
          .description("Worst lateness of the event loop's probe timer over the last sample interval")
          .tag("loop", loop).register(registry);
    }
  }

  private double read(ToDoubleFunction<ResourceSnapshot> value) {
    ResourceSnapshot snapshot = latest;
    return snapshot == null ? Double.NaN : value.applyAsDouble(snapshot);
  }

}
