package io.cameraservice.app;

import io.cameraservice.config.ServiceConfig;
import io.cameraservice.governance.ConnectionLimiter;
import io.cameraservice.governance.GovernanceMethods;
import io.cameraservice.governance.GovernanceThread;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.governance.RateLimitGate;
import io.cameraservice.governance.RateLimiter;
import io.cameraservice.governance.alerts.AlertEngine;
import io.cameraservice.governance.alerts.AlertEvents;
import io.cameraservice.governance.alerts.AlertInputs;
import io.cameraservice.governance.alerts.AlertListener;
import io.cameraservice.governance.alerts.AlertMeters;
import io.cameraservice.governance.alerts.AlertTransition;
import io.cameraservice.governance.alerts.LoadShedder;
import io.cameraservice.governance.alerts.WebhookNotifier;
import io.cameraservice.governance.resources.EventLoopDelayProbe;
import io.cameraservice.governance.resources.ProcessSampler;
import io.cameraservice.governance.resources.ResourceMonitor;
import io.cameraservice.governance.resources.ResourceSampler;
import io.cameraservice.governance.resources.ResourceSnapshot;
import io.cameraservice.rpc.CallGate;
import io.cameraservice.server.ConnectionGate;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What keeps the service up under load: rate limits for calls, HTTP work and connections, resource sampling against
 * budgets, alert rules, and load shedding.
 */
final class GovernanceFeature implements Feature {

  private static final long HTTP_CLIENT_SWEEP_MS = 60_000;
  private static final int MAX_HTTP_CLIENTS = 100_000;

  private final Core core;
  private final RateLimiter callRates;
  private final GovernanceThread thread = new GovernanceThread();
  private final EventLoopDelayProbe loopProbe;
  private final ResourceMonitor resources;
  private final AlertEngine alerts;
  private final WebhookNotifier webhook;
  private final LoadShedder shedder;
  final HttpAdmission http;
  final ConnectionGate connections;
  /** @param sampler resource readings to use instead of this process's (tests), or null */
  GovernanceFeature(Core core, ResourceSampler sampler) {
    this.core = core;
    ServiceConfig config = core.config;
    this.callRates = new RateLimiter(config.limits().rates(), core.time, config.limits().maxConnections() * 2);
    this.loopProbe = new EventLoopDelayProbe(config.resources().loopProbeIntervalMs());
    this.resources = new ResourceMonitor(config.resources(),
        sampler != null ? sampler : new ProcessSampler(core.dataDir(), config.resources().heapBytes()), loopProbe,
        core.clock, core.metrics);
    List<AlertListener> listeners = new ArrayList<>(List.of(new AlertEvents(core.events),
        new AlertMeters(core.metrics, config.alerts().rules())));
    this.webhook = config.alerts().webhookUrl() == null ? null : new WebhookNotifier(core.vertx,
        config.alerts().webhookUrl(), config.alerts().webhookTimeoutMs(), config.alerts().webhookMaxPending(),
        core.metrics);
    if (webhook != null) {
      listeners.add(webhook);
    }
    this.alerts = new AlertEngine(config.alerts().rules(),
        new AlertInputs(resources::latest, core.metrics, config.alerts().errorRatioMinRequests()), core.clock,
        listeners);
    this.shedder = new LoadShedder(alerts, config.alerts().evaluationIntervalSeconds() * 1000L);
    this.http = new HttpAdmission(new RateLimiter(config.limits().rates(), core.time, MAX_HTTP_CLIENTS), shedder,
        core.metrics);
    this.connections = new ConnectionLimiter(config.limits(), core.time, core.metrics);
    core.report.section("resources", () -> GovernanceMethods.resources(resources.latest()));
    core.report.section("alerts", () -> GovernanceMethods.alerts(alerts.status()));
  }

  /** Runs before authentication, so that a flood costs as little as possible. */
  CallGate rateLimitGate() {
    return new RateLimitGate(callRates);
  }

  /** Runs after authentication: callers without a session learn nothing from it. */
  CallGate loadSheddingGate() {
    return shedder;
  }

  /** The service's own CPU over the last sample interval as a percentage of the machine; -1 before the first. */
  double serviceCpuPercent() {
    ResourceSnapshot latest = resources.latest();
    return latest == null ? -1 : 100 * latest.sample().serviceCpuCores() / latest.sample().cpuCores();
  }

  /** A connection's buckets go with it. */
  void connectionClosed(String connectionId) {
    callRates.forget(connectionId);
  }

  /** Event-loop probes (one per loop), then sampling and evaluation on their thread. */
  @Override
  public Future<Void> start() {
    return loopProbe.deploy(core.vertx, core.config.server().effectiveEventLoops()).map(id -> {
      thread.every(Duration.ofSeconds(core.config.resources().sampleIntervalSeconds()), "resource sampling",
          resources::sample);
      thread.every(Duration.ofSeconds(core.config.alerts().evaluationIntervalSeconds()), "alert evaluation",
          alerts::evaluate);
      // Walks up to MAX_HTTP_CLIENTS entries: on this thread, not an event loop.
      thread.every(Duration.ofMillis(HTTP_CLIENT_SWEEP_MS), "http client sweep", http::forgetIdleClients);
      return null;
    });
  }

  /** Takes a resource sample and evaluates the alert rules now, in order with the periodic runs. */
  CompletableFuture<List<AlertTransition>> evaluateNow() {
    return thread.submit(() -> {
      resources.sample();
      return alerts.evaluate();
    });
  }

  @Override
  public void close() {
    thread.close();
    if (webhook != null) {
      webhook.close();
    }
  }
}
