package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One authenticated JSON-RPC socket with blocking calls, for scenarios that drive the service step by step. */
final class BenchRpc {

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  BenchRpc(LoadClient client, BenchServer server, Role role) throws Exception {
    this.socket = client.connect(server.port(), 1, server.token(role)).get(0);
    socket.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      Object id = message.getValue("id");
      if (id instanceof Number n) {
        CompletableFuture<JsonObject> waiting = pending.remove(n.intValue());
        if (waiting != null) {
          waiting.complete(message);
        }
      }
    });
  }

  /** The result of a call that must succeed. */
  JsonObject call(String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.writeTextMessage(new JsonObject().put("jsonrpc", "2.0").put("method", method).put("params", params)
        .put("id", id).encode());
    JsonObject response = answer.get(60, TimeUnit.SECONDS);
    if (response.containsKey("error")) {
      throw new IllegalStateException(method + " failed: " + response.getJsonObject("error").encode());
    }
    Object result = response.getValue("result");
    return result instanceof JsonObject o ? o : new JsonObject().put("value", result);
  }
}
