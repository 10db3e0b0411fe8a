package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;

/**
 * How throughput grows from one core to two, on a machine where the load generator shares the same two cores
 * (method in docs/performance.md):
 * (a) capacity of one core: server pinned to CPU 0 with one event loop, generator pinned to CPU 1;
 * (b) server CPU time per request with one and with two event loops under the same offered load;
 * (c) scaling factor = cpu_per_request(1 loop) / cpu_per_request(2 loops), i.e. throughput2 / (2 x throughput1)
 *     when each configuration is limited by the CPU it spends per request.
 */
final class ScalingScenario implements Scenario {

  private static final String PING = ThroughputScenario.request("ping", null);
  private static final int CONNECTIONS = 16;

  @Override
  public String name() {
    return "scaling";
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    JsonObject pinned;
    pinAll(ProcessHandle.current().pid(), "1");
    try {
      pinned = load(env, env.server("scaling_pinned").with("CAMERA_SERVICE_SERVER_EVENT_LOOPS", 1).pinnedTo("0"), 0);
    } finally {
      pinAll(ProcessHandle.current().pid(), "0-" + (Runtime.getRuntime().availableProcessors() - 1));
    }
    // The same offered load for both: well below what one loop can do, so that neither configuration saturates.
    double offered = Math.max(1000, pinned.getDouble("throughput_rps") * 0.5);
    JsonObject one = load(env, env.server("scaling_1").with("CAMERA_SERVICE_SERVER_EVENT_LOOPS", 1), offered);
    JsonObject two = load(env, env.server("scaling_2").with("CAMERA_SERVICE_SERVER_EVENT_LOOPS", 2), offered);
    double cpu1 = one.getJsonObject("server").getDouble("cpu_us_per_request");
    double cpu2 = two.getJsonObject("server").getDouble("cpu_us_per_request");
    return new JsonObject()
        .put("capacity_one_core_pinned", pinned)
        .put("offered_rps", Results.round(offered))
        .put("one_event_loop", one)
        .put("two_event_loops", two)
        .put("scaling_factor", Results.round(cpu1 / cpu2));
  }

  private static JsonObject load(BenchEnv env, BenchServer.Options options, double offeredRps) throws Exception {
    try (BenchServer server = BenchServer.start(options);
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      List<WebSocket> sockets = client.connect(server.port(), CONNECTIONS, server.token(Role.VIEWER));
      double perConnection = offeredRps / CONNECTIONS;
      client.closedLoop(sockets, i -> PING, env.seconds(4), perConnection);
      return Results.measure(server, () -> client.closedLoop(sockets, i -> PING, env.seconds(12), perConnection));
    }
  }

  /** Moves every thread of a process to the given CPUs. */
  private static void pinAll(long pid, String cpus) throws IOException, InterruptedException {
    Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
        .redirectErrorStream(true).start();
    taskset.getInputStream().readAllBytes();
    if (taskset.waitFor() != 0) {
      throw new IOException("taskset failed for pid " + pid);
    }
  }
}
