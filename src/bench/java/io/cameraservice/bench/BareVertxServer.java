package io.cameraservice.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * The reference the service is compared with in the same run: a bare Vert.x WebSocket server that parses each
 * JSON-RPC request and answers it, with nothing else (no auth, limits, metrics). Same Vert.x, transport and event
 * loops as the service. Run as {@code java -cp ... io.cameraservice.bench.BareVertxServer PORT LOOPS}.
 */
public final class BareVertxServer {

  private BareVertxServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int loops = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
            .webSocketHandler(ws -> ws.textMessageHandler(text -> {
              JsonObject request = new JsonObject(text);
              ws.writeTextMessage(new JsonObject().put("jsonrpc", "2.0").put("result", "pong")
                  .put("id", request.getValue("id")).encode());
            }))
            .listen();
      }
    }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    System.out.println("listening on http://127.0.0.1:" + port);
    System.out.flush();
  }
}
