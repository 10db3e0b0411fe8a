package io.cameraservice.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flooding session is answered at once with -32040; its neighbours are not affected. Time is frozen. */
class RateLimitsOverWebSocketTest {

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.startingNow();

  private TestService start() {
    return TestService.start(dir, tree -> {
      tree.withObject("/limits").withObject("/rates").withObject("/status").put("per_second", 5).put("burst", 10);
      tree.withObject("/limits").withObject("/rates").withObject("/methods").withObject("/get_server_info")
          .put("per_second", 1).put("burst", 2);
    }, clock);
  }

  private static JsonArray batch(String method, int n) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < n; i++) {
      batch.add(new JsonObject().put("jsonrpc", "2.0").put("method", method).put("id", i));
    }
    return batch;
  }

  @Test
  void everyMemberOfABatchCountsAndTheExcessIsRefusedWithRetryAfter() throws Exception {
    try (TestService service = start(); RpcClient client = service.connect()) {
      client.authenticate(service.token(Role.VIEWER));
      client.send(batch("ping", 20).encode());
      JsonArray answers = client.nextArray();
      assertThat(answers).hasSize(20);
      long served = answers.stream().map(a -> (JsonObject) a).filter(a -> a.containsKey("result")).count();
      // The burst of 10 less the token authenticate spent.
      assertThat(served).isEqualTo(9);
      JsonObject refused = answers.getJsonObject(19).getJsonObject("error");
      assertThat(refused.getInteger("code")).isEqualTo(-32040);
      assertThat(refused.getString("message")).isEqualTo("Rate limited");
      JsonObject data = refused.getJsonObject("data");
      assertThat(data.getString("reason")).isEqualTo("rate_limited");
      assertThat(data.getString("scope")).isEqualTo("rate:status");
      assertThat(data.getInteger("limit")).isEqualTo(5);
      assertThat(data.getLong("retry_after_ms")).isEqualTo(200);

      clock.advance(Duration.ofMillis(200));
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
      assertThat(client.call("ping").getJsonObject("error").getInteger("code")).isEqualTo(-32040);

      try (RpcClient neighbour = service.connect()) {
        assertThat(neighbour.call("ping").getValue("result")).as("buckets are per session").isEqualTo("pong");
      }
      String metrics = Http.get(service.port(), "/metrics").body();
      assertThat(metrics).contains("rpc_rejections_total{scope=\"rate:status\"} 12.0");
    }
  }

  @Test
  void aMethodOverrideLimitsThatMethodOnly() {
    try (TestService service = start(); RpcClient client = service.connect()) {
      client.authenticate(service.token(Role.VIEWER));
      client.send(batch("get_server_info", 4).encode());
      JsonArray answers = client.nextArray();
      assertThat(answers.getJsonObject(0).containsKey("result")).isTrue();
      assertThat(answers.getJsonObject(1).containsKey("result")).isTrue();
      JsonObject data = answers.getJsonObject(2).getJsonObject("error").getJsonObject("data");
      assertThat(data.getString("scope")).isEqualTo("rate:method:get_server_info");
      assertThat(data.getLong("retry_after_ms")).isEqualTo(1000);
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }
}
