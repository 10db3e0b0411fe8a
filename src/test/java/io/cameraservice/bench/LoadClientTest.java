package io.cameraservice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator's closed loop against a real WebSocket server (in this JVM) that answers as a test needs. */
class LoadClientTest {

  private final Vertx serverVertx = Vertx.vertx();
  private final Set<Object> idsSeen = ConcurrentHashMap.newKeySet();
  private final AtomicLong requestsSeen = new AtomicLong();

  @AfterEach
  void close() throws Exception {
    serverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A server that answers {@code authenticate} at once and every other request through {@code answer}. */
  private int server(BiConsumer<ServerWebSocket, JsonObject> answer) throws Exception {
    HttpServer server = serverVertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
      JsonObject request = new JsonObject(text);
      if (request.getString("method").equals("authenticate")) {
        ws.writeTextMessage(new JsonObject().put("jsonrpc", "2.0").put("result", new JsonObject())
            .put("id", request.getValue("id")).encode());
      } else {
        idsSeen.add(request.getValue("id"));
        requestsSeen.incrementAndGet();
        answer.accept(ws, request);
      }
    }));
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
        .actualPort();
  }

  private static String result(Object id) {
    return new JsonObject().put("jsonrpc", "2.0").put("result", "pong").put("id", id).encode();
  }

  @Test
  void pipelinedRequestsAreMatchedToTheirAnswersInAnyOrder() throws Exception {
    AtomicLong errorsSent = new AtomicLong();
    int port = server((ws, request) -> {
      Object id = request.getValue("id");
      if (id.equals(0)) {
        // Lane 0 answers late, so that lanes 1 to 3 overtake it.
        serverVertx.setTimer(2, t -> ws.writeTextMessage(result(id)));
      } else if (id.equals(1)) {
        errorsSent.incrementAndGet();
        ws.writeTextMessage(new JsonObject().put("jsonrpc", "2.0").put("error", new JsonObject()
            .put("code", -32040).put("message", "rate limited")).put("id", id).encode());
      } else {
        ws.writeTextMessage(result(id));
      }
    });
    try (LoadClient client = new LoadClient(1)) {
      List<WebSocket> sockets = client.connect(port, 2, "token");
      LoadClient.Outcome outcome = client.closedLoop(sockets, i -> RpcCall.of("ping"), 4, Duration.ofMillis(300),
          0);

      // Every request of every lane was answered before the loop ended, so the counts are the server's exactly.
      assertThat(idsSeen).containsExactlyInAnyOrder(0, 1, 2, 3);
      assertThat(outcome.requests()).isEqualTo(requestsSeen.get()).isGreaterThan(errorsSent.get());
      assertThat(outcome.errors()).isEqualTo(errorsSent.get()).isPositive();
      assertThat(outcome.latency().getTotalCount()).isEqualTo(outcome.requests());
      assertThat(outcome.firstError()).contains("-32040");
    }
  }

  @Test
  void anAnswerToNoLaneEndsTheRunWithItsText() throws Exception {
    int port = server((ws, request) -> ws.writeTextMessage(result("not-" + request.getValue("id"))));
    try (LoadClient client = new LoadClient(1)) {
      List<WebSocket> sockets = client.connect(port, 1, "token");
      // Ended by that answer, not by the 120 s after which a loop whose answers stopped is given up.
      assertThatThrownBy(() -> client.closedLoop(sockets, i -> RpcCall.of("ping"), 2, Duration.ofMillis(200), 0))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not ask for")
          .hasMessageContaining("\"id\":\"not-");
    }
  }
}
