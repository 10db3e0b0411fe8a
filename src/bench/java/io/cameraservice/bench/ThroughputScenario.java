package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One method repeated over N connections, each keeping K requests in flight (a closed loop; K > 1 is pipelining),
 * against the service or against its bare-Vert.x twin ({@link BareVertxServer}, the floor the service is compared
 * with in the same run). Named {@code METHOD_N}, {@code METHOD_NxK} when K > 1, with {@code _bare_vertx} for the twin.
 */
final class ThroughputScenario implements Scenario {

  private final RpcCall call;
  private final int connections;
  private final int inFlight;
  private final double seconds;
  private final UnaryOperator<BenchServer.Options> setup;
  private final boolean bareVertx;

  private ThroughputScenario(RpcCall call, int connections, int inFlight, double seconds,
      UnaryOperator<BenchServer.Options> setup, boolean bareVertx) {
    this.call = call;
    this.connections = connections;
    this.inFlight = inFlight;
    this.seconds = seconds;
    this.setup = setup;
    this.bareVertx = bareVertx;
  }

  /** {@code method} without params against the service, one request in flight per connection. */
  static ThroughputScenario of(String method, int connections, double seconds) {
    return pipelined(method, connections, 1, seconds);
  }

  /** {@code method} without params against the service, {@code inFlight} requests in flight per connection. */
  static ThroughputScenario pipelined(String method, int connections, int inFlight, double seconds) {
    return new ThroughputScenario(RpcCall.of(method), connections, inFlight, seconds, UnaryOperator.identity(),
        false);
  }

  /** The same with what the server needs for the method to have something to do (e.g. cameras). */
  ThroughputScenario withSetup(UnaryOperator<BenchServer.Options> serverSetup) {
    return new ThroughputScenario(call, connections, inFlight, seconds, serverSetup, bareVertx);
  }

  /** The same load against {@link BareVertxServer}, which answers every request as if it were {@code ping}. */
  ThroughputScenario bareVertxTwin() {
    return new ThroughputScenario(call, connections, inFlight, seconds, UnaryOperator.identity(), true);
  }

  @Override
  public String name() {
    return call.method() + "_" + connections + (inFlight > 1 ? "x" + inFlight : "") + (bareVertx ? "_bare_vertx"
        : "");
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    try (BenchServer server = bareVertx
        ? BenchServer.startBareVertx(env.server(name()), Runtime.getRuntime().availableProcessors())
        : BenchServer.start(setup.apply(env.server(name())));
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      List<WebSocket> sockets = client.connect(server.port(), connections,
          bareVertx ? "not-checked" : server.token(Role.ADMIN));
      client.closedLoop(sockets, i -> call, inFlight, env.seconds(seconds / 3), 0);
      JsonObject result = Results.measure(server,
          () -> client.closedLoop(sockets, i -> call, inFlight, env.seconds(seconds), 0))
          .put("method", call.method()).put("connections", connections).put("in_flight_per_connection", inFlight);
      return bareVertx
          ? result.put("server_kind", "bare Vert.x WebSocket server: parse JSON, answer, nothing else")
          : result;
    }
  }
}
