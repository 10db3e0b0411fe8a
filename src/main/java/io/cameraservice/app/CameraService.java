package io.cameraservice.app;

import io.cameraservice.auth.ApiKeyStore;
import io.cameraservice.auth.AuthFailureLimiter;
import io.cameraservice.auth.AuthGate;
import io.cameraservice.auth.AuthMethods;
import io.cameraservice.auth.Authenticator;
import io.cameraservice.auth.DownloadSigner;
import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.auth.JwtVerifier;
import io.cameraservice.auth.PermissionMatrix;
import io.cameraservice.auth.TokenMinter;
import io.cameraservice.camera.CameraJson;
import io.cameraservice.camera.CameraLoop;
import io.cameraservice.camera.CameraMethods;
import io.cameraservice.camera.CameraRegistry;
import io.cameraservice.camera.ExternalStreamMethods;
import io.cameraservice.camera.ExternalStreams;
import io.cameraservice.camera.StreamProbe;
import io.cameraservice.camera.TestPatterns;
import io.cameraservice.camera.V4l2Discovery;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.config.StorageSettings;
import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.EventMethods;
import io.cameraservice.events.Topics;
import io.cameraservice.files.CatalogUpkeep;
import io.cameraservice.files.DownloadLinks;
import io.cameraservice.files.DownloadRoutes;
import io.cameraservice.files.FileMethods;
import io.cameraservice.files.FilesMetrics;
import io.cameraservice.files.MediaCatalog;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.files.MediaKind;
import io.cameraservice.governance.ClockTimeMeter;
import io.cameraservice.governance.ConnectionLimiter;
import io.cameraservice.governance.GovernanceThread;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.governance.RateLimitGate;
import io.cameraservice.governance.RateLimiter;
import io.cameraservice.governance.WorkPools;
import io.cameraservice.media.LiveRoutes;
import io.cameraservice.media.MediaMethods;
import io.cameraservice.media.MediaService;
import io.cameraservice.media.StreamLinks;
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
import io.cameraservice.observability.ComponentState;
import io.cameraservice.observability.HealthRegistry;
import io.cameraservice.observability.HealthRoutes;
import io.cameraservice.observability.MetricsReport;
import io.cameraservice.observability.MetricsRoute;
import io.cameraservice.observability.ProcessStats;
import io.cameraservice.observability.RpcMetrics;
import io.cameraservice.observability.SystemMetricsSection;
import io.cameraservice.retention.DiskSpaceGuard;
import io.cameraservice.retention.Retention;
import io.cameraservice.retention.RetentionPolicy;
import io.cameraservice.retention.StorageMethods;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.RpcDispatcher;
import io.cameraservice.server.Polls;
import io.cameraservice.server.RouteContributor;
import io.cameraservice.server.WebSocketServer;
import io.cameraservice.system.BuildInfo;
import io.cameraservice.system.Capabilities;
import io.cameraservice.system.SystemMethods;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: builds every part from the configuration, registers the methods and routes, starts the servers, and
 * takes it all down again in order. This is the one place that knows how the parts fit together.
 */
public final class CameraService {

  private static final Logger LOG = LoggerFactory.getLogger(CameraService.class);
  private static final short GOING_AWAY = 1001;
  private static final long API_KEY_REFRESH_MS = 2_000;
  private static final long CAMERA_START_LIMIT_MS = 15_000;
  private static final long HTTP_CLIENT_SWEEP_MS = 60_000;

  private final ServiceConfig config;
  private final Clock clock;
  private final Vertx vertx;
  private final PrometheusMeterRegistry metrics;
  private final WorkPools pools;
  private final HealthRegistry health = new HealthRegistry();
  private final EventHub events;
  private final RpcDispatcher dispatcher;
  private final WebSocketServer server;
  private final TokenMinter tokens;
  private final SystemMethods system;
  private final MediaCatalog catalog;
  private final CatalogUpkeep catalogUpkeep;
  private final DiskSpaceGuard diskGuard;
  private final Retention retention;
  private final MediaIntake mediaIntake;
  private final MethodRegistry methods = new MethodRegistry();
  private final GovernanceThread governance = new GovernanceThread();
  private final EventLoopDelayProbe loopProbe;
  private final ResourceMonitor resources;
  private final AlertEngine alerts;
  private final WebhookNotifier webhook;
  private final CameraRegistry cameras;
  private final CameraLoop cameraLoop;
  private final V4l2Discovery v4l2;
  private final ExternalStreams externalStreams;
  private final MediaService media;
  private final StreamLinks links;
  private volatile Boolean ffmpegUsable;
  /** Completes when the first stop() has finished; every later stop() answers the same. */
  private final Promise<Void> stopped = Promise.promise();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile int port = -1;

  private CameraService(ServiceConfig config, Clock clock, ResourceSampler sampler) {
    this.config = config;
    this.clock = clock;
    Path dataDir = config.storage().dataPath();
    createDirectories(dataDir);
    StorageSettings.createPrivateDirectory(config.storage().statePath());

    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.vertx = Vertx.builder()
        .with(new VertxOptions()
            .setEventLoopPoolSize(config.server().effectiveEventLoops())
            .setPreferNativeTransport(config.server().nativeTransport())
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    this.pools = new WorkPools(config.limits().queues(), metrics);
    this.events = new EventHub(clock, metrics);

    ApiKeyStore apiKeys = new ApiKeyStore(config.storage().statePath(), clock);
    String secret = config.auth().jwtSecret();
    Authenticator authenticator = new Authenticator(
        new JwtVerifier(vertx, secret, config.auth().clockSkewSeconds(), clock), apiKeys, pools.fs(), clock);
    this.tokens = new TokenMinter(vertx, secret, clock);
    AuthFailureLimiter authFailures = new AuthFailureLimiter(config.limits().authFailures().max(),
        config.limits().authFailures().windowSeconds() * 1000L, clock, 100_000);
    PermissionMatrix permissions = PermissionMatrix.withOverrides(config.auth().permissions());

    BuildInfo build = BuildInfo.load();
    Capabilities capabilities = new Capabilities().feature("json_rpc_2.0").feature("websocket")
        .feature("jwt_auth").feature("api_keys").feature("events").feature("prometheus_metrics")
        .feature("file_management").feature("downloads").feature("retention");
    MetricsReport report = new MetricsReport();
    RpcMetrics rpcMetrics = new RpcMetrics(metrics);
    report.section("system_metrics", new SystemMetricsSection(new ProcessStats(), dataDir));

    FilesMetrics filesMetrics = new FilesMetrics(metrics);
    this.catalog = MediaCatalog.open(dataDir, config.storage().catalogPath(), pools.db(), pools.process(),
        pools.fs(), config.limits().queues().get(WorkPools.DB).capacity(), config.storage().listingCachePages(),
        filesMetrics, clock);
    filesMetrics.watch(catalog::totals);
    this.catalogUpkeep = new CatalogUpkeep(catalog, pools.fs(), config.storage().sweepIntervalSeconds(),
        config.storage().probeConcurrency());
    this.diskGuard = new DiskSpaceGuard(config.storage(), catalog, events, pools.fs(), clock, metrics);
    this.retention = new Retention(catalog, config.storage().statePath(),
        RetentionPolicy.defaults(config.retention()), config.retention().intervalSeconds(), pools.fs(), clock);
    this.mediaIntake = new MediaIntake(catalog, diskGuard);
    this.cameraLoop = new CameraLoop(vertx);
    this.links = new StreamLinks(new DownloadSigner(secret,
        Duration.ofSeconds(config.media().live().urlTtlSeconds()), clock));
    this.cameras = new CameraRegistry(events, new CameraJson(links), config.cameras().maxCameras());
    this.v4l2 = new V4l2Discovery(config.cameras().v4l2(), cameras, cameraLoop, pools);
    this.externalStreams = new ExternalStreams(config.cameras(), cameras, cameraLoop, new StreamProbe(
        config.media().ffprobePath(), Duration.ofSeconds(config.media().probeTimeoutSeconds()), pools.process()),
        clock);
    cameras.discoveryActive(() -> v4l2.active() || externalStreams.discoveryActive());
    this.media = new MediaService(config.media(), config.recording(), dataDir, cameras, cameraLoop, pools, events,
        mediaIntake, links, metrics, clock);
    capabilities.feature("cameras").feature("v4l2_discovery").feature("test_patterns").feature("external_streams")
        .feature("recording").feature("snapshots").feature("live_streaming").feature("fmp4_http")
        .feature("mse_websocket").feature("mjpeg").format("fmp4").format("mp4").format("mkv").format("jpg");
    report.section("camera_metrics", () -> media.meters().cameraSection(clock));
    report.section("recording_metrics", () -> media.meters().recordingSection());
    report.section("stream_metrics", () -> media.meters().streamSection());
    health.register("camera_monitor", false, () -> stopping.get() ? ComponentState.STOPPING
        : v4l2.ready() ? ComponentState.RUNNING : ComponentState.STARTING);
    health.register("mediamtx", false, () -> ffmpegUsable == null ? ComponentState.STARTING
        : stopping.get() ? ComponentState.STOPPING : ffmpegUsable ? ComponentState.RUNNING : ComponentState.ERROR);
    this.system = new SystemMethods(build, capabilities, health, cameras, report, pools.fs(), clock,
        config.cameras().maxCameras());
    DownloadLinks downloadLinks = new DownloadLinks(
        new DownloadSigner(secret, Duration.ofSeconds(config.downloads().urlTtlSeconds()), clock));
    HttpAuthenticator httpAuth = new HttpAuthenticator(authenticator);
    health.register("media_catalog", true, catalogUpkeep::state);
    report.section("file_metrics", () -> filesMetrics.summary()
        .put("recordings", catalog.totals().files(MediaKind.RECORDING))
        .put("snapshots", catalog.totals().files(MediaKind.SNAPSHOT))
        .put("catalog", catalogUpkeep.summary()));
    report.section("storage_metrics", () -> diskGuard.summary().put("retention", retention.summary()));

    this.loopProbe = new EventLoopDelayProbe(config.resources().loopProbeIntervalMs());
    this.resources = new ResourceMonitor(config.resources(),
        sampler != null ? sampler : new ProcessSampler(dataDir), loopProbe, clock, metrics);
    List<AlertListener> alertListeners = new ArrayList<>(List.of(new AlertEvents(events),
        new AlertMeters(metrics, config.alerts().rules())));
    this.webhook = config.alerts().webhookUrl() == null ? null : new WebhookNotifier(vertx,
        config.alerts().webhookUrl(), config.alerts().webhookTimeoutMs(), config.alerts().webhookMaxPending(),
        metrics);
    if (webhook != null) {
      alertListeners.add(webhook);
    }
    this.alerts = new AlertEngine(config.alerts().rules(),
        new AlertInputs(resources::latest, metrics, config.alerts().errorRatioMinRequests()), clock, alertListeners);
    LoadShedder shedder = new LoadShedder(alerts, config.alerts().evaluationIntervalSeconds() * 1000L);
    report.section("resources", resources::section);
    report.section("alerts", alerts::section);

    system.registerInto(methods);
    new CameraMethods(cameras, media).registerInto(methods);
    new ExternalStreamMethods(externalStreams).registerInto(methods);
    new MediaMethods(media, config.recording()).registerInto(methods);
    new FileMethods(catalog, downloadLinks).registerInto(methods);
    new StorageMethods(catalog, diskGuard, retention).registerInto(methods);
    new AuthMethods(authenticator, authFailures, connection -> events.subscribeDefaults(connection.id()))
        .registerInto(methods);
    new EventMethods(events).registerInto(methods);

    ClockTimeMeter time = new ClockTimeMeter(clock);
    RateLimiter rates = new RateLimiter(config.limits().rates(), time, config.limits().maxConnections() * 2);
    // Load shedding after authentication: callers without a session learn nothing from it.
    this.dispatcher = new RpcDispatcher(methods,
        List.of(new RateLimitGate(rates), new AuthGate(permissions, authenticator), shedder), rpcMetrics,
        config.server().maxMessageBytes(), config.server().maxBatchSize());

    List<RouteContributor> routes = new ArrayList<>();
    routes.add(new HealthRoutes(health, build.version(), system::uptimeSeconds, clock));
    routes.add(new MetricsRoute(metrics, httpAuth, config.metrics().openToAll()));
    routes.add(new LiveRoutes(media, links, httpAuth, config.media().buffers().viewerQueueBytes()));
    HttpAdmission httpAdmission = new HttpAdmission(new RateLimiter(config.limits().rates(), time, 100_000), shedder,
        metrics);
    routes.add(new DownloadRoutes(catalog, downloadLinks, httpAuth, pools.fs(), httpAdmission));
    this.server = new WebSocketServer(vertx, config.server(), dispatcher, events, metrics,
        new ConnectionLimiter(config.limits(), time, metrics), routes, List.of(rates::forget),
        config.limits().slowConsumerGraceSeconds() * 1000L);
    report.section("rpc_metrics", () -> new JsonObject()
        .put("methods", new JsonObject(new LinkedHashMap<>(rpcMetrics.summary())))
        .put("in_flight", dispatcher.inFlight())
        .put("connections", server.openConnections())
        .put("connections_per_event_loop", new JsonObject(new LinkedHashMap<>(server.connectionsPerEventLoop()))));
    health.register("websocket_server", true, () -> port < 0 ? ComponentState.STARTING
        : stopping.get() ? ComponentState.STOPPING : ComponentState.RUNNING);

    vertx.setPeriodic(HTTP_CLIENT_SWEEP_MS, id -> httpAdmission.forgetIdleClients());
    vertx.setPeriodic(API_KEY_REFRESH_MS, id -> pools.fs().submit(() -> {
      apiKeys.refresh();
      return null;
    }));
  }

  /** Builds and starts the service; the future completes once it accepts connections. */
  public static Future<CameraService> start(ServiceConfig config, Clock clock) {
    return start(config, clock, null);
  }

  /**
   * As {@link #start(ServiceConfig, Clock)}, with resource readings from {@code sampler} instead of this process
   * (tests drive budgets, alerts and load shedding through it); null means this process.
   */
  public static Future<CameraService> start(ServiceConfig config, Clock clock, ResourceSampler sampler) {
    CameraService service = new CameraService(config, clock, sampler);
    Promise<CameraService> started = Promise.promise();
    // The catalog reconciles in the background: the service answers (ping, listings) while it runs.
    service.catalogUpkeep.start(service.vertx);
    service.diskGuard.start(service.vertx);
    service.retention.start(service.vertx, service.catalogUpkeep.ready());
    service.startCameras().compose(v -> service.server.start()).compose(actualPort -> service.startGovernance().map(actualPort)).map(actualPort -> {
      service.port = actualPort;
      service.health.markStarted();
      service.events.publish(new Event(Topics.SYSTEM_STARTUP, null, "system_startup",
          new JsonObject().put("version", BuildInfo.load().version()).put("port", actualPort)));
      LOG.info("listening on {}:{} with {} event loop(s), {} transport", config.server().host(), actualPort,
          config.server().effectiveEventLoops(), service.vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
      return service;
    }).onComplete(done -> {
      if (done.succeeded()) {
        started.complete(service);
      } else {
        LOG.error("start-up failed: {}", done.cause().toString());
        service.v4l2.stop();
        service.closeFiles();
        service.closeGovernance();
        service.pools.close();
        service.catalog.close();
        service.vertx.close().onComplete(v -> started.fail(done.cause()));
      }
    });
    return started.future();
  }

  /**
   * Registers the configured cameras and starts discovery; completes once the first V4L2 scan and the ffmpeg check
   * are done (at most {@link #CAMERA_START_LIMIT_MS}), so the first clients see the cameras that are there.
   */
  private Future<Void> startCameras() {
    TestPatterns.register(config.cameras().testPatterns(), cameras, cameraLoop);
    externalStreams.start();
    media.start();
    Future<Boolean> ffmpeg = media.checkFfmpeg().onComplete(ok -> {
      ffmpegUsable = ok.succeeded() && ok.result();
      if (!ffmpegUsable) {
        LOG.error("{} cannot run: cameras cannot be recorded or watched", config.media().ffmpegPath());
      }
    });
    return Future.join(v4l2.start(), ffmpeg).<Void>mapEmpty()
        .timeout(CAMERA_START_LIMIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("camera discovery is still busy after {} ms; starting anyway", CAMERA_START_LIMIT_MS);
          return Future.succeededFuture();
        });
  }

  /** Event-loop probes, then resource sampling and alert evaluation on the governance thread. */
  private Future<Void> startGovernance() {
    return loopProbe.deploy(vertx, config.server().effectiveEventLoops()).map(id -> {
      governance.every(Duration.ofSeconds(config.resources().sampleIntervalSeconds()), "resource sampling",
          resources::sample);
      governance.every(Duration.ofSeconds(config.alerts().evaluationIntervalSeconds()), "alert evaluation",
          alerts::evaluate);
      return null;
    });
  }

  private void closeGovernance() {
    governance.close();
    if (webhook != null) {
      webhook.close();
    }
  }

  public int port() {
    return port;
  }

  /** Signed live URLs of a camera (the demo prints them). */
  public StreamLinks links() {
    return links;
  }

  public ServiceConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public TokenMinter tokens() {
    return tokens;
  }

  public EventHub events() {
    return events;
  }

  /** The API through which recording and snapshot producers register the files they write. */
  public MediaIntake mediaIntake() {
    return mediaIntake;
  }

  /** Completes once the media catalog has been reconciled with the folders after start-up. */
  public Future<Void> catalogReady() {
    return catalogUpkeep.ready();
  }

  private void closeFiles() {
    retention.close();
    diskGuard.close();
    catalogUpkeep.close();
  }

  /** The registered methods (tests add stand-ins for methods of features this build lacks). */
  public MethodRegistry methods() {
    return methods;
  }

  public ResourceMonitor resources() {
    return resources;
  }

  public AlertEngine alerts() {
    return alerts;
  }

  /** Takes a resource sample and evaluates the alert rules now, in order with the periodic runs. */
  public CompletableFuture<List<AlertTransition>> evaluateGovernanceNow() {
    return governance.submit(() -> {
      resources.sample();
      return alerts.evaluate();
    });
  }

  /**
   * Graceful stop: not ready any more, no new connections, in-flight calls get up to
   * {@code server.shutdown_grace_seconds} to finish, then every socket is closed with 1001 and the rest shut down.
   */
  public Future<Void> stop() {
    if (!stopping.compareAndSet(false, true)) {
      return stopped.future();
    }
    LOG.info("shutting down");
    health.markStopping();
    server.stopAccepting();
    events.publish(new Event(Topics.SYSTEM_SHUTDOWN, null, "system_shutdown", new JsonObject()));
    long graceMs = config.server().shutdownGraceSeconds() * 1000L;
    // Recordings end (files final, events sent) and pipelines stop before the sockets close.
    awaitIdle(graceMs)
        .compose(v -> {
          v4l2.stop();
          return media.stop();
        })
        .compose(v -> server.closeAll(GOING_AWAY, "server shutting down", 2_000))
        .compose(v -> server.undeploy())
        .eventually(() -> {
          closeFiles();
          closeGovernance();
          pools.close();
          catalog.close();
          return vertx.close();
        })
        .onComplete(v -> {
          LOG.info("stopped");
          stopped.handle(v);
        });
    return stopped.future();
  }

  private Future<Void> awaitIdle(long timeoutMs) {
    return Polls.until(vertx, () -> dispatcher.inFlight() == 0, timeoutMs).map(idle -> {
      if (!idle) {
        LOG.warn("{} call(s) still running after the shutdown grace period", dispatcher.inFlight());
      }
      return null;
    });
  }

  private static void createDirectories(Path... dirs) {
    for (Path dir : dirs) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir, e);
      }
    }
  }
}
