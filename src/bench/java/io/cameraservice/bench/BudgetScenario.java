package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three load profiles against explicit budgets (CPU of the service and its ffmpeg children: 160% of one core, i.e.
 * 80% of this 2-core host; RSS of the service and its children: 768 MiB). For each: the used/budget ratios as the
 * service reports them ({@code get_metrics.resources}) and as the benchmark measures them from /proc.
 * <ul>
 *   <li>low: 4 connections, 20 status requests/s each, no camera work;
 *   <li>medium: 16 connections, 100 requests/s each (status and file reads), one camera watched live;
 *   <li>high: 16 connections as fast as answered, one camera recording and watched by 4 viewers.
 * </ul>
 */
final class BudgetScenario implements Scenario {

  static final int CPU_BUDGET_PERCENT = 160;
  static final long RSS_BUDGET_BYTES = 768L << 20;
  private static final List<RpcCall> MIX = List.of(
      RpcCall.of("ping"),
      RpcCall.of("get_camera_list"),
      RpcCall.of("get_system_status"),
      new RpcCall("list_recordings", new JsonObject().put("limit", 50)));

  private record Profile(String name, int connections, double perConnectionRate, int viewers, boolean recording,
      double seconds) {}

  private static final List<Profile> PROFILES = List.of(
      new Profile("low", 4, 20, 0, false, 40),
      new Profile("medium", 16, 100, 1, false, 40),
      new Profile("high", 16, 0, 4, true, 40));

  @Override
  public String name() {
    return "budgets";
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    BenchServer.Options options = env.server(name()).withTestPatterns(1, false)
        .with("CAMERA_SERVICE_RESOURCES_CPU_PERCENT", CPU_BUDGET_PERCENT)
        .with("CAMERA_SERVICE_RESOURCES_RSS_BYTES", RSS_BUDGET_BYTES)
        .with("CAMERA_SERVICE_RESOURCES_SAMPLE_INTERVAL_SECONDS", 2)
        .with("CAMERA_SERVICE_LIMITS_RATES_FILE_PER_SECOND", 1_000_000)
        .with("CAMERA_SERVICE_LIMITS_RATES_FILE_BURST", 1_000_000);
    JsonObject result = new JsonObject()
        .put("cpu_budget_percent_of_one_core", CPU_BUDGET_PERCENT)
        .put("rss_budget_bytes", RSS_BUDGET_BYTES);
    try (BenchServer server = BenchServer.start(options); LoadClient client = new LoadClient(env.clientEventLoops());
        BenchRpc admin = new BenchRpc(server.port(), server.token(Role.ADMIN))) {
      String token = server.token(Role.OPERATOR);
      for (Profile profile : PROFILES) {
        result.put(profile.name(), run(env, profile, server, client, admin, token));
      }
    }
    return result;
  }

  private static JsonObject run(BenchEnv env, Profile profile, BenchServer server, LoadClient client, BenchRpc admin,
      String token) throws Exception {
    List<WebSocket> viewers = new ArrayList<>();
    String stream = admin.result("get_camera_list", null).getJsonArray("cameras").getJsonObject(0)
        .getJsonObject("streams").getString("mse");
    for (int i = 0; i < profile.viewers(); i++) {
      WebSocket viewer = client.webSocket(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
          .setURI(stream));
      viewer.binaryMessageHandler(data -> { });
      viewers.add(viewer);
    }
    if (profile.recording()) {
      admin.result("start_recording", new JsonObject().put("device", "camera0"));
    }
    List<WebSocket> sockets = client.connect(server.port(), profile.connections(), token);
    Duration duration = env.seconds(profile.seconds());
    // The first quarter lets the pipeline and the sampler settle; the rest is measured.
    client.closedLoop(sockets, i -> MIX.get(i % MIX.size()), duration.dividedBy(4), profile.perConnectionRate());
    double cpu0 = treeCpuSeconds(server.pid());
    long started = System.nanoTime();
    JsonObject load = Results.measure(server, () -> client.closedLoop(sockets, i -> MIX.get(i % MIX.size()),
        duration, profile.perConnectionRate()));
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuPercent = (treeCpuSeconds(server.pid()) - cpu0) * 100 / seconds;
    long rss = treeRssBytes(server.pid());
    JsonObject reported = admin.result("get_metrics", null).getJsonObject("resources");
    if (profile.recording()) {
      admin.result("stop_recording", new JsonObject().put("device", "camera0"));
    }
    viewers.forEach(WebSocket::close);
    sockets.forEach(WebSocket::close);
    return new JsonObject()
        .put("connections", profile.connections())
        .put("rate_per_connection", profile.perConnectionRate() == 0 ? "unpaced" : profile.perConnectionRate())
        .put("live_viewers", profile.viewers())
        .put("recording", profile.recording())
        .put("throughput_rps", load.getDouble("throughput_rps"))
        .put("latency_ms", load.getJsonObject("latency_ms"))
        .put("errors", load.getLong("errors"))
        .put("measured", new JsonObject()
            .put("cpu_percent_of_one_core", Results.round(cpuPercent))
            .put("rss_bytes", rss)
            .put("cpu_budget_ratio", Results.round(cpuPercent / CPU_BUDGET_PERCENT))
            .put("rss_budget_ratio", Results.round(rss / (double) RSS_BUDGET_BYTES)))
        .put("reported_by_service", new JsonObject()
            .put("cpu_budget_ratio", reported.getJsonObject("cpu").getValue("budget_ratio"))
            .put("rss_budget_ratio", reported.getJsonObject("memory").getValue("rss_budget_ratio"))
            .put("cpu_total_percent", reported.getJsonObject("cpu").getValue("total_percent"))
            .put("rss_total_bytes", reported.getJsonObject("memory").getValue("total_rss_bytes")));
  }

  /** CPU seconds of a process and all its descendants (ffmpeg children included). */
  private static double treeCpuSeconds(long pid) {
    return tree(pid).stream().mapToDouble(p -> {
      try {
        return BenchServer.cpuSecondsOf(p);
      } catch (Exception gone) {
        return 0;
      }
    }).sum();
  }

  private static long treeRssBytes(long pid) {
    return tree(pid).stream().mapToLong(p -> {
      try {
        return Math.max(0, BenchServer.rssBytesOf(p));
      } catch (Exception gone) {
        return 0;
      }
    }).sum();
  }

  private static List<Long> tree(long pid) {
    List<Long> pids = new ArrayList<>(List.of(pid));
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }
}
