package io.cameraservice.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load over real WebSockets: each connection authenticates, then keeps exactly one request in flight,
 * sending the next as soon as the answer to the previous arrives. Latency is recorded per request (HdrHistogram)
 * after a warm-up. Answers are checked only for an error object, so the generator stays cheap.
 */
final class ClosedLoopLoad {

  private final int port;
  private final int connections;
  private final String authFrame;
  private final IntFunction<String> requestFor;

  /**
   * @param requestFor the request frame connection {@code i} sends (must carry an id; sent again after each answer)
   */
  ClosedLoopLoad(int port, int connections, String token, IntFunction<String> requestFor) {
    this.port = port;
    this.connections = connections;
    this.authFrame = "{\"jsonrpc\":\"2.0\",\"method\":\"authenticate\",\"params\":{\"auth_token\":\"" + token
        + "\"},\"id\":0}";
    this.requestFor = requestFor;
  }

  /** Counts and latencies of the measured period. */
  record Outcome(long requests, long errors, double seconds, org.HdrHistogram.Histogram latency) {}

  Outcome run(double warmupSeconds, double measureSeconds, int clientEventLoops) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(clientEventLoops).setPreferNativeTransport(true));
    Recorder recorder = new Recorder(3);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<WebSocket> sockets = new ArrayList<>();
    try {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections)
          .setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20));
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        opening.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")));
      }
      Future.all(opening).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      opening.forEach(f -> sockets.add(f.result()));

      long measureFrom = System.nanoTime() + (long) (warmupSeconds * 1e9);
      long stopAt = measureFrom + (long) (measureSeconds * 1e9);
      CountDownLatch finished = new CountDownLatch(connections);
      for (int i = 0; i < sockets.size(); i++) {
        drive(sockets.get(i), requestFor.apply(i), measureFrom, stopAt, recorder, requests, errors, finished);
      }
      if (!finished.await((long) (warmupSeconds + measureSeconds + 60), TimeUnit.SECONDS)) {
        throw new IllegalStateException("load did not finish: answers stopped arriving");
      }
      return new Outcome(requests.get(), errors.get(), measureSeconds, recorder.getIntervalHistogram());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private void drive(WebSocket socket, String request, long measureFrom, long stopAt, Recorder recorder,
      AtomicLong requests, AtomicLong errors, CountDownLatch finished) {
    long[] sentAt = {0};
    boolean[] authenticated = {false};
    socket.textMessageHandler(answer -> {
      long now = System.nanoTime();
      if (!authenticated[0]) {
        if (answer.contains("\"error\"")) {
          throw new IllegalStateException("authentication failed: " + answer);
        }
        authenticated[0] = true;
      } else if (sentAt[0] >= measureFrom) {
        recorder.recordValue(Math.max(1, (now - sentAt[0]) / 1000));
        requests.incrementAndGet();
        if (answer.contains("\"error\"")) {
          errors.incrementAndGet();
        }
      }
      if (now >= stopAt) {
        finished.countDown();
        return;
      }
      sentAt[0] = System.nanoTime();
      socket.writeTextMessage(request);
    });
    socket.writeTextMessage(authFrame);
  }
}
