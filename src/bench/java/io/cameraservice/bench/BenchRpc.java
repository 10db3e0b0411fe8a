package io.cameraservice.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A blocking JSON-RPC client for a scenario's set-up and read-out calls (not for the measured load). */
final class BenchRpc implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  /** Held so that Vert.x does not close the client (and its connection) once it looks unused. */
  private final WebSocketClient client;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  BenchRpc(int port, String token) throws Exception {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20)
        .setMaxFrameSize(16 << 20));
    socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if (frame.getValue("id") instanceof Number) {
        CompletableFuture<JsonObject> waiting = pending.remove(frame.getInteger("id"));
        if (waiting != null) {
          waiting.complete(frame);
        }
      }
    });
    JsonObject auth = call("authenticate", new JsonObject().put("auth_token", token));
    if (auth.containsKey("error")) {
      throw new IllegalStateException("authentication failed: " + auth.encode());
    }
  }

  /** The whole response frame (result or error). */
  JsonObject call(String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("method", method).put("id", id);
    if (params != null) {
      request.put("params", params);
    }
    socket.writeTextMessage(request.encode());
    return answer.get(60, TimeUnit.SECONDS);
  }

  JsonObject result(String method, JsonObject params) throws Exception {
    JsonObject response = call(method, params);
    if (!(response.getValue("result") instanceof JsonObject)) {
      throw new IllegalStateException(method + " failed: " + response.encode());
    }
    return response.getJsonObject("result");
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
