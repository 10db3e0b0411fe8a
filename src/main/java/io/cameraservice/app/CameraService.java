package io.cameraservice.app;

import io.cameraservice.auth.TokenMinter;
import io.cameraservice.config.ConfigException;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.EventMethods;
import io.cameraservice.events.Notifications;
import io.cameraservice.events.Topics;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.governance.alerts.AlertTransition;
import io.cameraservice.governance.resources.ResourceSampler;
import io.cameraservice.media.StreamLinks;
import io.cameraservice.observability.ComponentState;
import io.cameraservice.observability.HealthRoutes;
import io.cameraservice.observability.MetricsRoute;
import io.cameraservice.observability.ProcessStats;
import io.cameraservice.observability.RpcMetrics;
import io.cameraservice.observability.SystemUsageReader;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.RpcDispatcher;
import io.cameraservice.server.Polls;
import io.cameraservice.server.RouteContributor;
import io.cameraservice.server.WebSocketServer;
import io.cameraservice.system.ApiReference;
import io.cameraservice.system.BuildInfo;
import io.cameraservice.system.SystemMethods;
import io.cameraservice.system.SystemNotifications;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: builds the features from the configuration, puts their methods and routes behind one dispatcher and
 * one server, starts them in order and takes them down again in reverse. This package is the one place that knows
 * how the parts fit together.
 */
public final class CameraService {

  private static final Logger LOG = LoggerFactory.getLogger(CameraService.class);
  private static final short GOING_AWAY = 1001;
  private static final long CLOSE_SOCKETS_MS = 2_000;

  private final Core core;
  private final AccessFeature access;
  private final GovernanceFeature governance;
  private final FilesFeature files;
  private final MediaFeature media;
  /**
   * The one statement of the order: each feature starts after those it is built on (media writes through the
   * files feature's intake) and all of them before the server listens; they stop and close in {@link #stopOrder}.
   */
  private final List<Feature> startOrder;
  /** {@link #startOrder} reversed: a feature stops while those it is built on still run. */
  private final List<Feature> stopOrder;
  private final MethodRegistry methods = new MethodRegistry();
  private final RpcDispatcher dispatcher;
  private final WebSocketServer server;
  /** Completes when the first stop() has finished; every later stop() answers the same. */
  private final Promise<Void> stopped = Promise.promise();
  /** Makes stop() run once; health states read core.health, marked in the same step. */
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final BuildInfo build = BuildInfo.load();
  private volatile int port = -1;

  private CameraService(ServiceConfig config, Clock clock, ResourceSampler sampler) {
    this.core = new Core(config, clock);
    core.capabilities.feature("json_rpc_2.0").feature("websocket").feature("events").feature("prometheus_metrics");
    this.access = new AccessFeature(core);
    this.governance = new GovernanceFeature(core, sampler);
    SystemUsageReader usage = new SystemUsageReader(new ProcessStats(), core.dataDir(),
        governance::serviceCpuPercent);
    core.report.section("system_metrics", () -> SystemMethods.systemMetrics(usage.read()));
    this.files = new FilesFeature(core, access.http, governance.http);
    this.media = new MediaFeature(core, files.intake, access.http, governance.http);
    this.startOrder = List.of(access, files, media, governance);
    List<Feature> reversed = new ArrayList<>(startOrder);
    Collections.reverse(reversed);
    this.stopOrder = List.copyOf(reversed);

    SystemMethods system = new SystemMethods(build, core.capabilities, core.health, media.cameras, core.report,
        core.pools.fs(), clock, config.cameras().maxCameras());
    system.registerInto(methods);
    new EventMethods(core.events).registerInto(methods);
    startOrder.forEach(f -> f.registerInto(methods));
    ApiReference reference = new ApiReference(methods, build.version(), Notifications.ALL, access.http);
    reference.registerInto(methods);

    RpcMetrics rpcMetrics = new RpcMetrics(core.metrics);
    this.dispatcher = new RpcDispatcher(methods,
        List.of(governance.rateLimitGate(), access.gate(methods), governance.loadSheddingGate()), rpcMetrics,
        config.server().maxMessageBytes(), config.server().maxBatchSize());

    List<RouteContributor> routes = new ArrayList<>(List.of(
        new HealthRoutes(core.health, build.version(), system::uptimeSeconds, clock),
        new MetricsRoute(core.metrics, access.http, config.metrics().openToAll()), reference));
    startOrder.forEach(f -> routes.addAll(f.routes()));
    this.server = new WebSocketServer(core.vertx, config.server(), dispatcher, core.events, core.metrics,
        governance.connections, routes, List.of(governance::connectionClosed),
        config.limits().slowConsumerGraceSeconds() * 1000L, new ProcessStats().openFilesLimit());

    core.report.section("rpc_metrics", () -> SystemMethods.rpcMetrics(rpcMetrics.byMethod(), dispatcher.inFlight(),
        server.openConnections(), server.connectionsPerEventLoop()));
    core.health.register("websocket_server", true, () -> port < 0 ? ComponentState.STARTING
        : core.health.isStopping() ? ComponentState.STOPPING : ComponentState.RUNNING);
  }

  /** Builds and starts the service; the future completes once it accepts connections. */
  public static Future<CameraService> start(ServiceConfig config, Clock clock) {
    return start(config, clock, null);
  }

  /**
   * Test seam: as {@link #start(ServiceConfig, Clock)}, with resource readings from {@code sampler} instead of this
   * process (tests drive budgets, alerts and load shedding through it); null means this process.
   */
  static Future<CameraService> start(ServiceConfig config, Clock clock, ResourceSampler sampler) {
    CameraService service = new CameraService(config, clock, sampler);
    Promise<CameraService> started = Promise.promise();
    MethodSettings.checked(config, service.methods)
        .compose(v -> inTurn(service.startOrder, Feature::start))
        .compose(v -> service.server.start()
            .recover(e -> Future.failedFuture(ListenFailure.describe(config.server(), e))))
        .onComplete(done -> {
          if (done.succeeded()) {
            service.serving(done.result());
            started.complete(service);
          } else {
            LOG.error("start-up failed: {}", done.cause() instanceof ConfigException problem
                ? String.join("; ", problem.problems()) : done.cause().toString());
            service.release().onComplete(v -> started.fail(done.cause()));
          }
        });
    return started.future();
  }

  /** Runs {@code step} for each feature in {@code order}, each once the previous one has completed. */
  private static Future<Void> inTurn(List<Feature> order, Function<Feature, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (Feature feature : order) {
      chain = chain.compose(v -> step.apply(feature));
    }
    return chain;
  }

  private void serving(int actualPort) {
    port = actualPort;
    core.health.markStarted();
    core.events.publish(new Event(Topics.SYSTEM_STARTUP, null, "system_startup",
        SystemNotifications.startup(build.version(), actualPort)));
    LOG.info("listening on {}:{} with {} event loop(s), {} transport", core.config.server().host(), actualPort,
        core.config.server().effectiveEventLoops(), core.vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
  }

  /**
   * Graceful stop: not ready any more, no new connections, in-flight calls get up to
   * {@code server.shutdown_grace_seconds} to finish, then the features stop (recordings end with final files and
   * their events), every socket is closed with 1001 and the rest is released.
   */
  public Future<Void> stop() {
    if (!stopping.compareAndSet(false, true)) {
      return stopped.future();
    }
    LOG.info("shutting down");
    core.health.markStopping();
    server.stopAccepting();
    core.events.publish(new Event(Topics.SYSTEM_SHUTDOWN, null, "system_shutdown", SystemNotifications.shutdown()));
    awaitIdle(core.config.server().shutdownGraceSeconds() * 1000L)
        .compose(v -> inTurn(stopOrder, this::stopQuietly))
        .compose(v -> server.closeAll(GOING_AWAY, "server shutting down", CLOSE_SOCKETS_MS))
        .compose(v -> server.undeploy())
        .eventually(this::release)
        .onComplete(v -> {
          LOG.info("stopped");
          stopped.handle(v);
        });
    return stopped.future();
  }

  /** A feature that fails to stop is logged; the others still stop and the service still goes down. */
  private Future<Void> stopQuietly(Feature feature) {
    return feature.stop().recover(e -> {
      LOG.warn("stopping {} failed: {}", feature.getClass().getSimpleName(), e.toString());
      return Future.succeededFuture();
    });
  }

  /**
   * Background work first, then the pools (running tasks may still use the catalog), the catalog, Vert.x. Closing
   * the pools waits for their running tasks, so it runs on a thread of its own: this is called from an event loop
   * (and not on Vert.x's workers, whose context belongs to a verticle just undeployed).
   */
  private Future<Void> release() {
    Promise<Void> released = Promise.promise();
    Thread closer = new Thread(() -> {
      try {
        stopOrder.forEach(Feature::close);
        core.pools.close();
        files.closeCatalog();
        released.complete();
      } catch (RuntimeException e) {
        released.fail(e);
      }
    }, "cs-release");
    closer.start();
    return released.future().eventually(core.vertx::close);
  }

  private Future<Void> awaitIdle(long timeoutMs) {
    return Polls.until(core.vertx, () -> dispatcher.inFlight() == 0, timeoutMs).map(idle -> {
      if (!idle) {
        LOG.warn("{} call(s) still running after the shutdown grace period", dispatcher.inFlight());
      }
      return null;
    });
  }

  public int port() {
    return port;
  }

  public TokenMinter tokens() {
    return access.tokens;
  }

  /** Signed live URLs of a camera (the demo prints them). */
  public StreamLinks links() {
    return media.links;
  }

  // Test seams: package-private, reached from tests of other packages only through the test-side
  // io.cameraservice.app.ServiceSeams. Nothing in src/main uses them.

  /** Test seam: tests publish events as the features would, to see them delivered. */
  EventHub events() {
    return core.events;
  }

  /** Test seam: the API through which recording and snapshot producers register files; tests produce files. */
  MediaIntake mediaIntake() {
    return files.intake;
  }

  /** Test seam: completes once the media catalog has been reconciled with the folders after start-up. */
  Future<Void> catalogReady() {
    return files.catalogReady();
  }

  /** Test seam: the registered methods (the fuzz test walks every method's parameter schema). */
  MethodRegistry methods() {
    return methods;
  }

  /** Test seam: a resource sample and an alert evaluation now, in order with the periodic runs. */
  CompletableFuture<List<AlertTransition>> evaluateGovernanceNow() {
    return governance.evaluateNow();
  }
}
