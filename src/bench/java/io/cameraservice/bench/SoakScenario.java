package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sustained mixed load; the server's RSS is sampled throughout. After the warm-up (the first fifth), RSS must stay
 * flat: growth is the mean of the last three samples against the mean of the first three after warm-up.
 */
final class SoakScenario implements Scenario {

  private static final List<RpcCall> MIX = List.of(
      RpcCall.of("ping"),
      RpcCall.of("get_server_info"),
      RpcCall.of("get_system_status"),
      RpcCall.of("get_subscription_stats"));
  private static final int CONNECTIONS = 16;
  private static final long SAMPLE_MS = 5_000;

  private final double seconds;

  SoakScenario(double seconds) {
    this.seconds = seconds;
  }

  @Override
  public String name() {
    return "soak";
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    Duration total = env.seconds(seconds);
    try (BenchServer server = BenchServer.start(env.server(name()));
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      List<WebSocket> sockets = client.connect(server.port(), CONNECTIONS, server.token(Role.ADMIN));
      JsonArray samples = new JsonArray();
      AtomicReference<Exception> sampling = new AtomicReference<>();
      // On a thread of its own: reading /proc on the generator's event loop would delay the answers it times.
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> {
        try {
          samples.add(server.rssBytes());
        } catch (Exception e) {
          sampling.set(e);
        }
      }, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
      JsonObject load;
      try {
        load = Results.measure(server, () -> client.closedLoop(sockets, i -> MIX.get(i % MIX.size()), total, 0));
      } finally {
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS); // and the samples it took are visible from here on
      }
      if (sampling.get() != null) {
        throw sampling.get();
      }
      int warm = Math.max(1, samples.size() / 5);
      double start = mean(samples, warm, warm + 3);
      double end = mean(samples, samples.size() - 3, samples.size());
      return load.put("rss_samples_bytes", samples)
          .put("sample_interval_seconds", SAMPLE_MS / 1000)
          .put("rss_after_warmup_bytes", (long) start)
          .put("rss_end_bytes", (long) end)
          .put("rss_growth_percent", Results.round((end - start) * 100 / start));
    }
  }

  private static double mean(JsonArray samples, int from, int to) {
    from = Math.max(0, Math.min(from, samples.size() - 1));
    to = Math.max(from + 1, Math.min(to, samples.size()));
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += samples.getLong(i);
    }
    return sum / (to - from);
  }
}
