package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/** One method repeated over N connections with one request in flight each. */
final class ThroughputScenario implements Scenario {

  private final String method;
  private final JsonObject params;
  private final int connections;
  private final double seconds;
  private final UnaryOperator<BenchServer.Options> setup;

  ThroughputScenario(String method, JsonObject params, int connections, double seconds) {
    this(method, params, connections, seconds, UnaryOperator.identity());
  }

  /** @param setup what the server needs for the method to have something to do (e.g. cameras) */
  ThroughputScenario(String method, JsonObject params, int connections, double seconds,
      UnaryOperator<BenchServer.Options> setup) {
    this.method = method;
    this.params = params;
    this.connections = connections;
    this.seconds = seconds;
    this.setup = setup;
  }

  static String request(String method, JsonObject params) {
    JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("method", method).put("id", 1);
    if (params != null && !params.isEmpty()) {
      request.put("params", params);
    }
    return request.encode();
  }

  @Override
  public String name() {
    return method + "_" + connections;
  }

  /** The same load against {@link BareVertxServer}: the floor the service's figures are compared with. */
  static Scenario bareVertxPing(int connections, double seconds) {
    String frame = request("ping", null);
    return new Scenario() {
      @Override
      public String name() {
        return "ping_" + connections + "_bare_vertx";
      }

      @Override
      public JsonObject run(BenchEnv env) throws Exception {
        try (BenchServer server = BenchServer.startBareVertx(env.server(name()),
            Runtime.getRuntime().availableProcessors());
            LoadClient client = new LoadClient(env.clientEventLoops())) {
          List<WebSocket> sockets = client.connect(server.port(), connections, "not-checked");
          client.closedLoop(sockets, i -> frame, env.seconds(seconds / 3), 0);
          return Results.measure(server, () -> client.closedLoop(sockets, i -> frame, env.seconds(seconds), 0))
              .put("method", "ping").put("connections", connections)
              .put("server_kind", "bare Vert.x WebSocket server: parse JSON, answer, nothing else");
        }
      }
    };
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    String frame = request(method, params);
    try (BenchServer server = BenchServer.start(setup.apply(env.server(name())));
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      List<WebSocket> sockets = client.connect(server.port(), connections, server.token(Role.ADMIN));
      client.closedLoop(sockets, i -> frame, env.seconds(seconds / 3), 0);
      return Results.measure(server, () -> client.closedLoop(sockets, i -> frame, env.seconds(seconds), 0))
          .put("method", method).put("connections", connections);
    }
  }
}
