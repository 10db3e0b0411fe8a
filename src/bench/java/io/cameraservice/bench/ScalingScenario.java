package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How throughput grows from one core to two, on a machine where the load generator shares the same two cores
 * (method in docs/performance.md):
 * (a) capacity of one core: the server pinned to CPU 0 with one event loop, the generator pinned to CPU 1;
 * (b) server CPU time per request with one and with two event loops under the same load (16 connections, one
 *     request in flight each), the overhead of running on more cores;
 * (c) scaling factor = cpu_per_request(1 loop) / cpu_per_request(2 loops), which is throughput2 / (2 x throughput1)
 *     when each configuration is limited by the CPU it spends per request.
 * Each figure is the median of {@link #ROUNDS} runs, the configurations alternating, because the shared virtual
 * machine's speed drifts by tens of percent within minutes.
 */
final class ScalingScenario implements Scenario {

  private static final RpcCall PING = RpcCall.of("ping");
  private static final int CONNECTIONS = 16;
  private static final int ROUNDS = 3;

  @Override
  public String name() {
    return "scaling";
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    List<JsonObject> pinned = new ArrayList<>();
    List<JsonObject> one = new ArrayList<>();
    List<JsonObject> two = new ArrayList<>();
    int cores = Runtime.getRuntime().availableProcessors();
    for (int round = 0; round < ROUNDS; round++) {
      pinAll(ProcessHandle.current().pid(), "1");
      try {
        pinned.add(load(env, env.server("scaling_pinned").with("CAMERA_SERVICE_SERVER_EVENT_LOOPS", 1)
            .pinnedTo("0")));
      } finally {
        pinAll(ProcessHandle.current().pid(), "0-" + (cores - 1));
      }
      one.add(load(env, env.server("scaling_1").with("CAMERA_SERVICE_SERVER_EVENT_LOOPS", 1)));
      two.add(load(env, env.server("scaling_2").with("CAMERA_SERVICE_SERVER_EVENT_LOOPS", 2)));
    }
    double cpu1 = median(one, "cpu_us_per_request");
    double cpu2 = median(two, "cpu_us_per_request");
    return new JsonObject()
        .put("rounds", ROUNDS)
        .put("capacity_one_core_pinned_rps", Results.round(medianRate(pinned)))
        .put("capacity_one_core_pinned_cpu_us_per_request", median(pinned, "cpu_us_per_request"))
        .put("one_event_loop", summary(one, cpu1))
        .put("two_event_loops", summary(two, cpu2))
        .put("scaling_factor", Results.round(cpu1 / cpu2))
        .put("runs", new JsonObject().put("pinned", new JsonArray(pinned)).put("one_event_loop", new JsonArray(one))
            .put("two_event_loops", new JsonArray(two)));
  }

  private static JsonObject summary(List<JsonObject> runs, double cpu) {
    return new JsonObject().put("throughput_rps", Results.round(medianRate(runs))).put("server",
        new JsonObject().put("cpu_us_per_request", cpu));
  }

  private static JsonObject load(BenchEnv env, BenchServer.Options options) throws Exception {
    try (BenchServer server = BenchServer.start(options);
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      List<WebSocket> sockets = client.connect(server.port(), CONNECTIONS, server.token(Role.VIEWER));
      client.closedLoop(sockets, i -> PING, env.seconds(4), 0);
      return Results.measure(server, () -> client.closedLoop(sockets, i -> PING, env.seconds(10), 0));
    }
  }

  private static double median(List<JsonObject> runs, String serverFigure) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(r.getJsonObject("server").getDouble(serverFigure)));
    values.sort(Comparator.naturalOrder());
    return values.get(values.size() / 2);
  }

  private static double medianRate(List<JsonObject> runs) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(r.getDouble("throughput_rps")));
    values.sort(Comparator.naturalOrder());
    return values.get(values.size() / 2);
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
