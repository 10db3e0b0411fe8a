package io.cameraservice.system;

import io.cameraservice.domain.RateClass;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.observability.DiskSpace;
import io.cameraservice.observability.HealthRegistry;
import io.cameraservice.observability.MetricsReport;
import io.cameraservice.observability.RpcMetrics;
import io.cameraservice.observability.SystemUsage;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ping}, {@code get_server_info}, {@code get_status}, {@code get_system_status} and {@code get_metrics}. */
public final class SystemMethods {

  /** Component keys {@code get_status} always carries (the contract's names). */
  public static final List<String> STATUS_COMPONENTS = List.of("websocket_server", "camera_monitor", "mediamtx");

  private final BuildInfo build;
  private final Capabilities capabilities;
  private final HealthRegistry health;
  private final CameraOverview cameras;
  private final MetricsReport metrics;
  private final WorkPool pool;
  private final Clock clock;
  private final Instant startedAt;
  private final int maxCameras;

  public SystemMethods(BuildInfo build, Capabilities capabilities, HealthRegistry health, CameraOverview cameras,
      MetricsReport metrics, WorkPool pool, Clock clock, int maxCameras) {
    this.build = build;
    this.capabilities = capabilities;
    this.health = health;
    this.cameras = cameras;
    this.metrics = metrics;
    this.pool = pool;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.maxCameras = maxCameras;
  }

  public void registerInto(MethodRegistry registry) {
    Future<Object> pong = Future.succeededFuture("pong");
    registry.register(MethodSpec.method("ping", Access.OPEN, RateClass.STATUS)
        .summary("Checks that the service answers; works without a session (clients send it about every 30 s).")
        .returns("The string \"pong\".", new JsonObject().put("type", "string").put("const", "pong"))
        .handledBy(call -> pong));
    registry.register(MethodSpec.method("get_server_info", Access.VIEWER, RateClass.STATUS)
        .summary("Describes the server: name, version, build, capabilities and the formats it supports.")
        .returns("{name, version, build_date, architecture, capabilities, supported_formats, max_cameras}")
        .handledBy(this::serverInfo));
    registry.register(MethodSpec.method("get_status", Access.ADMIN, RateClass.STATUS)
        .summary("Reports the service's health and the state of each of its components.")
        .returns("{status: HEALTHY|DEGRADED|UNHEALTHY, uptime, version, components: {name: state}}")
        .handledBy(call -> Future.succeededFuture(status())));
    registry.register(MethodSpec.method("get_system_status", Access.VIEWER, RateClass.STATUS)
        .summary("Says whether the service is ready and which cameras are available.")
        .returns("{status: starting|partial|ready, message, available_cameras, discovery_active}")
        .handledBy(this::systemStatus));
    registry.register(MethodSpec.method("get_metrics", Access.ADMIN, RateClass.ADMIN)
        .summary("Reports resource use, per-method call latencies and counts, connections, resources and alerts.")
        .returns("{timestamp, system_metrics, rpc_metrics, resources, alerts, camera_metrics, recording_metrics, "
            + "stream_metrics, ...}")
        .handledBy(this::metrics));
  }

  /** The {@code get_status} result, also pushed as {@code system_health_update}. */
  public JsonObject status() {
    JsonObject components = new JsonObject();
    STATUS_COMPONENTS.forEach(name -> components.put(name, health.state(name).name()));
    health.states().forEach((name, state) -> components.put(name, state.name()));
    return new JsonObject()
        .put("status", health.overallStatus())
        .put("uptime", uptimeSeconds())
        .put("version", build.version())
        .put("components", components);
  }

  public long uptimeSeconds() {
    return Duration.between(startedAt, clock.instant()).toSeconds();
  }

  private Future<JsonObject> serverInfo(Call call) {
    return Future.succeededFuture(new JsonObject()
        .put("name", "camera-service")
        .put("version", build.version())
        .put("build_date", build.buildDate())
        .put("architecture", System.getProperty("os.arch"))
        .put("capabilities", new JsonArray(capabilities.features()))
        .put("supported_formats", new JsonArray(capabilities.formats()))
        .put("max_cameras", maxCameras));
  }

  private Future<JsonObject> systemStatus(Call call) {
    List<String> available = cameras.available();
    List<String> known = cameras.known();
    String status;
    String message;
    if (health.notReadyReason() != null && !health.isStopping()) {
      status = "starting";
      message = "service is starting";
    } else if (available.size() < known.size()) {
      status = "partial";
      message = available.size() + " of " + known.size() + " cameras available";
    } else {
      status = "ready";
      message = known.isEmpty() ? "service ready, no cameras found" : "all " + known.size() + " cameras available";
    }
    return Future.succeededFuture(new JsonObject()
        .put("status", status)
        .put("message", message)
        .put("available_cameras", new JsonArray(available))
        .put("discovery_active", cameras.discoveryActive()));
  }

  private Future<JsonObject> metrics(Call call) {
    return pool.submit(() -> new JsonObject().put("timestamp", Timestamps.format(clock.instant()))
        .mergeIn(metrics.build()));
  }

  /** The {@code system_metrics} section of {@code get_metrics}: this process and the data directory's disk. */
  public static JsonObject systemMetrics(SystemUsage usage) {
    long rss = usage.rssBytes();
    double cpu = usage.cpuPercent();
    JsonObject out = new JsonObject()
        .put("cpu_usage", cpu < 0 ? -1 : hundredths(cpu))
        .put("memory_usage", rss < 0 ? null : hundredths(100.0 * rss / usage.totalMemoryBytes()))
        .put("rss_bytes", rss)
        .put("heap_used_bytes", usage.heapUsedBytes())
        .put("heap_max_bytes", usage.heapMaxBytes())
        .put("threads", usage.threads())
        .put("open_files", usage.openFiles())
        .put("cpu_cores", usage.cpuCores());
    DiskSpace disk = usage.disk();
    if (disk != null) {
      out.put("disk_usage", hundredths(disk.usedPercent()))
          .put("disk_total_bytes", disk.totalBytes())
          .put("disk_free_bytes", disk.freeBytes());
    } else {
      out.put("disk_usage", null).put("disk_error", usage.diskError());
    }
    return out;
  }

  private static double hundredths(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /**
   * The {@code rpc_metrics} section of {@code get_metrics}: calls per method, calls under way, and WebSocket
   * connections in all and per event loop.
   */
  public static JsonObject rpcMetrics(Map<String, RpcMetrics.MethodStats> byMethod, int inFlight, int connections,
      Map<String, Integer> connectionsPerEventLoop) {
    JsonObject methods = new JsonObject();
    byMethod.forEach((method, stats) -> {
      JsonObject entry = new JsonObject().put("count", stats.count()).put("errors", stats.errors());
      stats.percentilesMs().forEach(entry::put);
      methods.put(method, entry);
    });
    return new JsonObject()
        .put("methods", methods)
        .put("in_flight", inFlight)
        .put("connections", connections)
        .put("connections_per_event_loop", new JsonObject(new LinkedHashMap<>(connectionsPerEventLoop)));
  }
}
