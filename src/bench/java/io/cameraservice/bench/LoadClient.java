package io.cameraservice.bench;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The load generator: real WebSocket clients on a Vert.x of their own. Of each answer it reads only the id and
 * whether it is an error ({@link AnswerReader}), keeps its counts per connection on the connection's event loop, and
 * writes frames encoded before the measurement, so that it stays cheap next to the server it measures: on a shared
 * machine every microsecond it spends is one the server does not get.
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

  /** {@link #closedLoop(List, IntFunction, int, Duration, double)} with one request in flight per socket. */
  Outcome closedLoop(List<WebSocket> sockets, IntFunction<RpcCall> callFor, Duration duration,
      double perConnectionRate) throws InterruptedException {
    return closedLoop(sockets, callFor, 1, duration, perConnectionRate);
  }

  /**
   * Each socket keeps {@code inFlight} requests in flight for {@code duration} (pipelining when more than one): a
   * request is sent again when its answer arrives, or at the connection's next slot when {@code perConnectionRate}
   * > 0 paces it. Each in-flight slot (a lane) has an id of its own, so that answers may come in any order.
   */
  Outcome closedLoop(List<WebSocket> sockets, IntFunction<RpcCall> callFor, int inFlight, Duration duration,
      double perConnectionRate) throws InterruptedException {
    long start = System.nanoTime();
    Run run = new Run(sockets.size(), start + duration.toNanos(),
        perConnectionRate > 0 ? (long) (1e9 / perConnectionRate) : 0);
    List<Lanes> connections = new ArrayList<>(sockets.size());
    for (int i = 0; i < sockets.size(); i++) {
      connections.add(new Lanes(run, sockets.get(i), callFor.apply(i), inFlight, start));
    }
    connections.forEach(Lanes::start);
    try {
      if (!run.finished.await(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("answers stopped arriving");
      }
    } finally {
      sockets.forEach(ws -> ws.frameHandler(null));
    }
    if (run.unexpected.get() != null) {
      throw new IllegalStateException("an answer the generator did not ask for: " + run.unexpected.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram latency = new Histogram(3);
    long requests = 0;
    long errors = 0;
    String firstError = null;
    for (Lanes lanes : connections) {
      latency.add(lanes.latency);
      requests += lanes.requests;
      errors += lanes.errors;
      firstError = firstError != null ? firstError : lanes.firstError;
    }
    return new Outcome(requests, errors, seconds, latency, firstError);
  }

  /** What the connections of one closed loop share. */
  private static final class Run {
    final CountDownLatch finished;
    final long stopAt;
    final long interval;
    final AtomicReference<String> unexpected = new AtomicReference<>();

    Run(int connections, long stopAt, long interval) {
      this.finished = new CountDownLatch(connections);
      this.stopAt = stopAt;
      this.interval = interval;
    }
  }

  /**
   * One connection of a closed loop. Its state is touched only by the connection's event loop once the first
   * requests are written (the writes hand over to that loop), and read by the caller after the run's latch.
   */
  private final class Lanes implements Handler<WebSocketFrame> {
    private final Run run;
    private final WebSocket ws;
    /** One frame per lane; the lane's number is the request id. */
    private final String[] frames;
    private final long[] sentAt;
    private final AnswerReader reader = new AnswerReader();
    private final Histogram latency = new Histogram(3);
    private byte[] message = new byte[1024];
    private int messageLength;
    private long nextSlot;
    private int running;
    private long requests;
    private long errors;
    private String firstError;

    Lanes(Run run, WebSocket ws, RpcCall call, int inFlight, long start) {
      this.run = run;
      this.ws = ws;
      this.frames = new String[inFlight];
      for (int lane = 0; lane < inFlight; lane++) {
        frames[lane] = call.frame(lane);
      }
      this.sentAt = new long[inFlight];
      this.nextSlot = start;
      this.running = inFlight;
    }

    void start() {
      // Without a text handler Vert.x does not aggregate and decode each answer into a String.
      ws.textMessageHandler(null);
      ws.frameHandler(this);
      for (int lane = 0; lane < frames.length; lane++) {
        send(lane);
      }
    }

    private void send(int lane) {
      sentAt[lane] = System.nanoTime();
      ws.writeTextMessage(frames[lane]);
    }

    @Override
    public void handle(WebSocketFrame frame) {
      if (running == 0 || !(frame.isText() || frame.isContinuation())) {
        return;
      }
      Buffer data = frame.binaryData();
      if (messageLength + data.length() > message.length) {
        message = Arrays.copyOf(message, Math.max(message.length * 2, messageLength + data.length()));
      }
      data.getBytes(0, data.length(), message, messageLength);
      messageLength += data.length();
      if (frame.isFinal()) {
        int length = messageLength;
        messageLength = 0;
        answered(length);
      }
    }

    private void answered(int length) {
      long now = System.nanoTime();
      int lane = lane(length);
      if (lane < 0) {
        run.unexpected.compareAndSet(null, text(length));
        running = 0;
        run.finished.countDown();
        return;
      }
      latency.recordValue(Math.max(1, (now - sentAt[lane]) / 1000));
      requests++;
      if (reader.error()) {
        errors++;
        firstError = firstError != null ? firstError : text(length);
      }
      if (now >= run.stopAt) {
        if (--running == 0) {
          run.finished.countDown();
        }
        return;
      }
      nextSlot += run.interval;
      long waitNanos = nextSlot - now;
      if (waitNanos > 1_000_000) {
        vertx.setTimer(waitNanos / 1_000_000, t -> send(lane));
      } else {
        send(lane);
      }
    }

    /** The lane the answer in {@link #message} belongs to, or -1 when it is not an answer to one of them. */
    private int lane(int length) {
      try {
        if (reader.read(message, length) && reader.idKind() == AnswerReader.IdKind.INTEGER && reader.id() >= 0
            && reader.id() < frames.length) {
          return (int) reader.id();
        }
      } catch (IOException e) {
        // not JSON: not an answer to this generator either
      }
      return -1;
    }

    private String text(int length) {
      return new String(message, 0, Math.min(length, 500), StandardCharsets.UTF_8);
    }
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
