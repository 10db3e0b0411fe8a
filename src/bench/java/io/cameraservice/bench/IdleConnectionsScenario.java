package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Memory per idle authenticated connection: the server's RSS (after a full collection) with N connections open
 * and subscribed by default, against its RSS before they were opened.
 */
final class IdleConnectionsScenario implements Scenario {

  private final int connections;

  IdleConnectionsScenario(int connections) {
    this.connections = connections;
  }

  @Override
  public String name() {
    return "idle_connections_" + connections;
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    try (BenchServer server = BenchServer.start(env.server(name()));
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      String token = server.token(Role.VIEWER);
      // Warm the paths the connections will use, so the baseline already holds the classes and pools they need.
      List<WebSocket> warm = client.connect(server.port(), Math.min(100, connections), token);
      warm.forEach(WebSocket::close);
      Map<String, Long> classesBefore = server.classHistogram();
      long before = server.rssBytes();
      long heapBefore = server.heapUsedBytes();
      long started = System.nanoTime();
      List<WebSocket> sockets = client.connect(server.port(), connections, token);
      double connectSeconds = (System.nanoTime() - started) / 1e9;
      Map<String, Long> classesAfter = server.classHistogram();
      long after = server.rssBytes();
      long heapAfter = server.heapUsedBytes();
      JsonObject perConnectionByClass = new JsonObject();
      classesAfter.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - classesBefore.getOrDefault(e.getKey(), 0L)))
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
          .forEach(e -> perConnectionByClass.put(e.getKey(), e.getValue() / sockets.size()));
      JsonObject result = new JsonObject()
          .put("connections", sockets.size())
          .put("connect_seconds", Results.round(connectSeconds))
          .put("rss_before_bytes", before)
          .put("rss_after_bytes", after)
          .put("rss_per_connection_bytes", (after - before) / sockets.size())
          .put("live_heap_per_connection_bytes", (heapAfter - heapBefore) / sockets.size())
          .put("heap_per_connection_by_class_bytes", perConnectionByClass);
      sockets.forEach(WebSocket::close);
      return result;
    }
  }
}
