package io.cameraservice.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket JSON-RPC client for tests, with a blocking API: every frame the server sends is queued, and reads
 * wait with a timeout. Each instance has its own Vert.x so that a test can hold many without sharing loops.
 */
public final class RpcClient implements AutoCloseable {

  private static final long TIMEOUT_MS = 10_000;
  private static final Vertx VERTX = Vertx.vertx();

  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Short closeStatus;

  private RpcClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(frames::add);
    socket.closeHandler(v -> closeStatus = socket.closeStatusCode() == null ? -1 : socket.closeStatusCode());
  }

  public static RpcClient connect(int port) {
    return connect(port, new WebSocketClientOptions());
  }

  /** Over wss, trusting only the PEM certificate {@code trustedCert}. */
  public static RpcClient connectTls(int port, java.nio.file.Path trustedCert) {
    return connect(port, new WebSocketClientOptions().setSsl(true)
        .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(trustedCert.toString())));
  }

  private static RpcClient connect(int port, WebSocketClientOptions options) {
    WebSocketClient client = VERTX.createWebSocketClient(options
        .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20));
    try {
      WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/ws")).toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return new RpcClient(client, socket);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect", e);
    }
  }

  /** Sends a request and waits for the response with its id (notifications arriving meanwhile stay queued). */
  public JsonObject call(String method, JsonObject params) {
    int id = ids.incrementAndGet();
    JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("method", method).put("id", id);
    if (params != null) {
      request.put("params", params);
    }
    send(request.encode());
    return awaitResponse(id);
  }

  public JsonObject call(String method) {
    return call(method, null);
  }

  /** The result of a call that must succeed. */
  public JsonObject result(String method, JsonObject params) {
    JsonObject response = call(method, params);
    if (response.containsKey("error")) {
      throw new AssertionError(method + " failed: " + response.encode());
    }
    Object result = response.getValue("result");
    return result instanceof JsonObject ? (JsonObject) result : new JsonObject().put("value", result);
  }

  public JsonObject authenticate(String token) {
    return result("authenticate", new JsonObject().put("auth_token", token));
  }

  /** Stops reading from the socket, as a client that does not keep up would. */
  public void pause() {
    socket.pause();
  }

  public void resume() {
    socket.resume();
  }

  public void send(String text) {
    socket.writeTextMessage(text);
  }

  public void sendBinary(byte[] data) {
    socket.writeBinaryMessage(Buffer.buffer(data));
  }

  /** The next frame of any kind, parsed. */
  public Object next() {
    return Json.decodeValue(nextText(TIMEOUT_MS));
  }

  public JsonObject nextObject() {
    return (JsonObject) next();
  }

  public JsonArray nextArray() {
    return (JsonArray) next();
  }

  public String nextText(long timeoutMs) {
    try {
      String frame = frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + timeoutMs + " ms");
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** True when no frame arrives within {@code wait} (used to check that nothing is answered). */
  public boolean silentFor(Duration wait) {
    try {
      String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (frame != null) {
        frames.add(frame);
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for a notification matching {@code filter}, skipping (and dropping) frames before it. */
  public JsonObject awaitNotification(Predicate<JsonObject> filter) {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      JsonObject frame = (JsonObject) Json.decodeValue(nextText(deadline - System.currentTimeMillis()));
      if (!frame.containsKey("id") && filter.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching notification");
  }

  private JsonObject awaitResponse(int id) {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    BlockingQueue<String> skipped = new LinkedBlockingQueue<>();
    try {
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("no response to request " + id);
        }
        String text = nextText(left);
        Object frame = Json.decodeValue(text);
        if (frame instanceof JsonObject && Integer.valueOf(id).equals(((JsonObject) frame).getValue("id"))) {
          return (JsonObject) frame;
        }
        skipped.add(text);
      }
    } finally {
      // Frames that were not the awaited response go back in arrival order, ahead of anything newer.
      BlockingQueue<String> rest = new LinkedBlockingQueue<>();
      frames.drainTo(rest);
      frames.addAll(skipped);
      frames.addAll(rest);
    }
  }

  /** The close status once the server closed the socket, or null while it is open. */
  public Short closeStatus() {
    return closeStatus;
  }

  public boolean awaitClosed(Duration timeout) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (closeStatus == null && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return closeStatus != null;
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}
