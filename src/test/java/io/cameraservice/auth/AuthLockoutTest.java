package io.cameraservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.testing.Http;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One failure budget per address, whatever the credential path: batches, pipelined sockets, API keys judged on the
 * file pool and HTTP credential headers all get at most {@code max} guesses judged per window.
 */
class AuthLockoutTest {

  private static final int MAX = 5;

  @TempDir
  Path dir;

  private TestService service;

  @BeforeEach
  void start() {
    service = TestService.start(dir, tree -> {
      MediaTesting.testPatterns(1).accept(tree);
      tree.withObject("/limits").withObject("/auth_failures").put("max", MAX).put("window_seconds", 60);
      // pipelinedSocketsShareOneBudget holds 20 sockets from 127.0.0.1 that have not authenticated yet.
      tree.withObject("/server").put("max_unauthenticated_connections_per_address", 20);
    });
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private static JsonObject call(int id, String token) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", "authenticate")
        .put("params", new JsonObject().put("auth_token", token));
  }

  private static int code(Object answer) {
    return ((JsonObject) answer).getJsonObject("error").getInteger("code");
  }

  @Test
  void aBatchOfGuessesGetsAtMostTheLimitJudged() {
    try (RpcClient client = service.connect()) {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < 100; i++) {
        // API keys are judged on a pool, so without a reservation all of them would be judged at once.
        batch.add(call(i, "csk_guess" + i));
      }
      client.send(batch.encode());
      JsonArray answers = client.nextArray();
      assertThat(answers).hasSize(100);
      long judged = answers.stream().filter(a -> code(a) == -32001).count();
      long locked = answers.stream().filter(a -> code(a) == -32040).count();
      assertThat(judged).isEqualTo(MAX);
      assertThat(locked).isEqualTo(100 - MAX);
    }
  }

  @Test
  void pipelinedSocketsShareOneBudget() {
    List<RpcClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        clients.add(service.connect());
      }
      for (RpcClient client : clients) {
        for (int i = 0; i < 5; i++) {
          client.send(call(i, "csk_pipelined" + i).encode());
        }
      }
      int judged = 0;
      for (RpcClient client : clients) {
        for (int i = 0; i < 5; i++) {
          int code = code(client.nextObject());
          assertThat(code).isIn(-32001, -32040);
          judged += code == -32001 ? 1 : 0;
        }
      }
      assertThat(judged).isEqualTo(MAX);
    } finally {
      clients.forEach(RpcClient::close);
    }
  }

  @Test
  void httpCredentialGuessesCountAndAreLockedOut() {
    int port = service.port();
    String[][] guesses = {
        {"/files/recordings/x.mp4", "X-API-Key", "csk_wrong"},
        {"/snapshot/camera0.jpg", "Authorization", "Bearer not-a-token"},
        {"/live/camera0.mp4", "X-API-Key", "csk_wrong2"},
        {"/files/snapshots/y.jpg", "Authorization", "Bearer csk_wrong3"},
        {"/snapshot/camera0.jpg", "X-API-Key", "csk_wrong4"},
    };
    for (String[] guess : guesses) {
      assertThat(Http.fetch(port, guess[0], guess[1], guess[2]).statusCode()).as(guess[0]).isEqualTo(403);
    }
    for (String path : new String[] {"/files/recordings/x.mp4", "/snapshot/camera0.jpg", "/live/camera0.mp4"}) {
      HttpResponse<byte[]> locked = Http.fetch(port, path, "X-API-Key", "csk_more");
      assertThat(locked.statusCode()).as(path).isEqualTo(429);
      assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
      assertThat(new JsonObject(new String(locked.body())).getJsonObject("error").getJsonObject("data")
          .getString("reason")).isEqualTo("auth_locked_out");
    }
    // The same budget as the authenticate method: a good token over RPC is now refused too.
    try (RpcClient client = service.connect()) {
      assertThat(code(client.call("authenticate", new JsonObject().put("auth_token", service.token(Role.ADMIN)))))
          .isEqualTo(-32040);
    }
  }
}
