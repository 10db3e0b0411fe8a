package io.cameraservice.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load generator: real WebSocket clients on a Vert.x of their own. Answers are checked only for an error object,
 * so that the generator stays cheap next to the server it measures.
 */
final class LoadClient implements AutoCloseable {

  private static final int CONNECT_WAVE = 500;

  private final Vertx vertx;
  private final WebSocketClient client;

  LoadClient(int eventLoops) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20));
  }

  Vertx vertx() {
    return vertx;
  }

  /** Opens {@code n} sockets and authenticates each; frames after that go to the socket's handler. */
  List<WebSocket> connect(int port, int n, String token) throws Exception {
    String auth = "{\"jsonrpc\":\"2.0\",\"method\":\"authenticate\",\"params\":{\"auth_token\":\"" + token
        + "\"},\"id\":0}";
    List<WebSocket> sockets = new ArrayList<>(n);
    for (int start = 0; start < n; start += CONNECT_WAVE) {
      List<Future<WebSocket>> wave = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + CONNECT_WAVE); i++) {
        wave.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
            .compose(ws -> {
              CompletableFuture<WebSocket> authenticated = new CompletableFuture<>();
              ws.textMessageHandler(answer -> {
                if (answer.contains("\"error\"")) {
                  authenticated.completeExceptionally(new IllegalStateException("authentication failed: " + answer));
                } else {
                  authenticated.complete(ws);
                }
              });
              ws.writeTextMessage(auth);
              return Future.fromCompletionStage(authenticated);
            }));
      }
      Future.all(wave).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      wave.forEach(f -> sockets.add(f.result()));
    }
    return sockets;
  }

  /** One more socket, not authenticated (e.g. a live viewer with a signed URL). */
  WebSocket webSocket(WebSocketConnectOptions options) throws Exception {
    return client.connect(options).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Counts and latencies (microseconds) of one measured period. */
  record Outcome(long requests, long errors, double seconds, Histogram latency, String firstError) {
    double throughput() {
      return requests / seconds;
    }
  }

  /**
   * Each socket keeps one request in flight for {@code duration}: the next is sent when the previous is answered,
   * or at the connection's next slot when {@code perConnectionRate} > 0 paces it.
   */
  Outcome closedLoop(List<WebSocket> sockets, IntFunction<String> requestFor, Duration duration,
      double perConnectionRate) throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    long start = System.nanoTime();
    long stopAt = start + duration.toNanos();
    long interval = perConnectionRate > 0 ? (long) (1e9 / perConnectionRate) : 0;
    CountDownLatch finished = new CountDownLatch(sockets.size());
    for (int i = 0; i < sockets.size(); i++) {
      WebSocket ws = sockets.get(i);
      String request = requestFor.apply(i);
      long[] sentAt = {0};
      long[] nextSlot = {start};
      Runnable send = () -> {
        sentAt[0] = System.nanoTime();
        ws.writeTextMessage(request);
      };
      ws.textMessageHandler(answer -> {
        long now = System.nanoTime();
        recorder.recordValue(Math.max(1, (now - sentAt[0]) / 1000));
        requests.incrementAndGet();
        if (answer.contains("\"error\"")) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, answer.length() > 500 ? answer.substring(0, 500) : answer);
        }
        if (now >= stopAt) {
          finished.countDown();
          return;
        }
        nextSlot[0] += interval;
        long waitNanos = nextSlot[0] - now;
        if (waitNanos > 1_000_000) {
          vertx.setTimer(waitNanos / 1_000_000, t -> send.run());
        } else {
          send.run();
        }
      });
      send.run();
    }
    if (!finished.await(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("answers stopped arriving");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(requests.get(), errors.get(), seconds, recorder.getIntervalHistogram(), firstError.get());
  }

  /** Sets every socket's frame handler (e.g. to count notifications). */
  static void onFrames(List<WebSocket> sockets, Consumer<String> handler) {
    sockets.forEach(ws -> ws.textMessageHandler(handler::accept));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
