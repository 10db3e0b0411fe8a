package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client sends N requests of a rate-limited method without waiting while a second client pings. Every request
 * must be answered; the served count must match the limit plus the burst over the flood's duration; the pinging
 * client must not notice.
 */
final class FloodScenario implements Scenario {

  /** Recordings in the catalog, so that a listing has something to list. */
  private static final int CATALOGUED_FILES = 10_000;

  private final String method;
  private final JsonObject params;
  private final int count;
  private final int perSecond;
  private final int burst;
  private final int sendRate;

  /** @param sendRate requests per second the flooding client sends (far above {@code perSecond}) */
  FloodScenario(String method, JsonObject params, int count, int sendRate, int perSecond, int burst) {
    this.sendRate = sendRate;
    this.method = method;
    this.params = params;
    this.count = count;
    this.perSecond = perSecond;
    this.burst = burst;
  }

  @Override
  public String name() {
    return "flood_" + method;
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    BenchServer.Options options = env.server(name())
        .with("CAMERA_SERVICE_RETENTION_ENABLED", false)
        .with("CAMERA_SERVICE_LIMITS_RATES_METHODS", "{" + method + ": {per_second: " + perSecond + ", burst: "
            + burst + "}}");
    FileListingScenario.seed(options.dataDir(), CATALOGUED_FILES);
    try (BenchServer server = BenchServer.start(options);
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      String token = server.token(Role.ADMIN);
      FileListingScenario.awaitCatalog(server.port(), token, CATALOGUED_FILES);
      WebSocket flooder = client.connect(server.port(), 1, token).get(0);
      List<WebSocket> pinger = client.connect(server.port(), 1, token);
      client.closedLoop(pinger, i -> RpcCall.of("ping"), env.seconds(2), 0);

      AtomicLong served = new AtomicLong();
      AtomicLong rejected = new AtomicLong();
      AtomicLong other = new AtomicLong();
      CountDownLatch answered = new CountDownLatch(count);
      long[] lastAnswer = {0};
      flooder.textMessageHandler(answer -> {
        if (answer.contains("\"result\"")) {
          served.incrementAndGet();
        } else if (answer.contains("-32040")) {
          rejected.incrementAndGet();
        } else {
          other.incrementAndGet();
        }
        lastAnswer[0] = System.nanoTime();
        answered.countDown();
      });
      String frame = new RpcCall(method, params).frame(1);
      double sendSeconds = count / (double) sendRate;
      LoadClient.Outcome[] pingOutcome = new LoadClient.Outcome[1];
      Thread pings = new Thread(() -> {
        try {
          pingOutcome[0] = client.closedLoop(pinger, i -> RpcCall.of("ping"),
              java.time.Duration.ofMillis((long) (sendSeconds * 1000) + 500), 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      pings.start();
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        // Sent without waiting for answers, spread evenly at sendRate so that the flood lasts long enough for the
        // bucket's refill to show.
        long due = started + (long) (i * 1e9 / sendRate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        flooder.writeTextMessage(frame);
      }
      boolean all = answered.await(120, TimeUnit.SECONDS);
      pings.join();
      double floodSeconds = (lastAnswer[0] - started) / 1e9;
      double expected = burst + perSecond * floodSeconds;
      return new JsonObject()
          .put("method", method)
          .put("sent", count)
          .put("send_rate_per_second", sendRate)
          .put("answered", count - answered.getCount())
          .put("all_answered", all)
          .put("served", served.get())
          .put("rejected", rejected.get())
          .put("other_errors", other.get())
          .put("flood_seconds", Results.round(floodSeconds))
          .put("limit_per_second", perSecond)
          .put("burst", burst)
          .put("expected_served", Results.round(expected))
          .put("served_vs_expected", Results.round(served.get() / expected))
          .put("ping_during_flood", new JsonObject()
              .put("requests", pingOutcome[0].requests())
              .put("latency_ms", Results.latencyMs(pingOutcome[0].latency())));
    }
  }
}
