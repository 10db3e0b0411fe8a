package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One event to N subscribed sockets: an operator takes a snapshot of a running test-pattern camera, and every socket
 * subscribed to {@code snapshot.taken} gets {@code snapshot_taken}. Per event, the time from the first socket having
 * it to the last one having it; repeated, with percentiles over the events. The server's own publish-to-write
 * latency ({@code notification_delivery_seconds}) is read from its metrics.
 */
final class FanOutScenario implements Scenario {

  private static final String SUBSCRIBE = new JsonObject().put("jsonrpc", "2.0").put("method", "subscribe_events")
      .put("params", new JsonObject().put("topics", new JsonArray().add("snapshot.taken"))).put("id", 1).encode();

  private final int sockets;
  private final int events;

  FanOutScenario(int sockets, int events) {
    this.sockets = sockets;
    this.events = events;
  }

  @Override
  public String name() {
    return "fanout_" + sockets;
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    BenchServer.Options options = env.server(name()).withTestPatterns(1, false)
        .with("CAMERA_SERVICE_MEDIA_AUTO_CLOSE_AFTER_SECONDS", 600);
    try (BenchServer server = BenchServer.start(options); LoadClient client = new LoadClient(env.clientEventLoops());
        BenchRpc operator = new BenchRpc(server.port(), server.token(Role.OPERATOR))) {
      List<WebSocket> subscribers = client.connect(server.port(), sockets, server.token(Role.VIEWER));
      CountDownLatch subscribed = new CountDownLatch(sockets);
      LoadClient.onFrames(subscribers, frame -> subscribed.countDown());
      subscribers.forEach(ws -> ws.writeTextMessage(SUBSCRIBE));
      if (!subscribed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("subscriptions were not all answered");
      }
      JsonObject snapshot = new JsonObject().put("device", "camera0");
      operator.result("take_snapshot", snapshot); // starts the pipeline; not measured
      Histogram spreadMicros = new Histogram(3);
      long missed = 0;
      for (int e = 0; e < events; e++) {
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        CountDownLatch all = new CountDownLatch(sockets);
        LoadClient.onFrames(subscribers, frame -> {
          if (frame.contains("\"snapshot_taken\"")) {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.accumulateAndGet(now, Math::max);
            all.countDown();
          }
        });
        operator.result("take_snapshot", snapshot);
        if (!all.await(30, TimeUnit.SECONDS)) {
          missed += all.getCount();
        }
        spreadMicros.recordValue(Math.max(1, (last.get() - first.get()) / 1000));
      }
      String metrics = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body(), java.nio.charset.StandardCharsets.UTF_8);
      return new JsonObject()
          .put("sockets", sockets)
          .put("events", events)
          .put("missed_deliveries", missed)
          .put("first_to_last_ms", Results.latencyMs(spreadMicros))
          .put("last_delivery_ms_p99", Results.round(spreadMicros.getValueAtPercentile(99) / 1000.0))
          .put("server_publish_to_write_ms", new JsonObject()
              .put("p50_at_most", ms(PrometheusText.quantile(metrics, "notification_delivery_seconds", 0.5)))
              .put("p99_at_most", ms(PrometheusText.quantile(metrics, "notification_delivery_seconds", 0.99)))
              .put("max", ms(PrometheusText.sample(metrics, "notification_delivery_seconds_max"))));
    }
  }

  private static Double ms(double seconds) {
    return Double.isFinite(seconds) ? Results.round(seconds * 1000) : null;
  }
}
