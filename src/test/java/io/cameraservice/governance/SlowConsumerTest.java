package io.cameraservice.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.events.Event;
import io.cameraservice.events.Topics;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading: notifications to it are dropped and counted, its answers are never dropped, the
 * service stops reading its requests, and after the grace period its connection is reset.
 */
class SlowConsumerTest {

  @TempDir
  Path dir;

  @Test
  void aClientThatDoesNotReadIsCutOffWithoutLosingAnswers() throws Exception {
    try (TestService service = TestService.start(dir, tree -> {
      tree.withObject("/server").put("outbound_buffer_bytes", 4096);
      tree.withObject("/limits").put("slow_consumer_grace_seconds", 2);
      tree.withObject("/limits").withObject("/rates").withObject("/status").put("per_second", 1_000_000)
          .put("burst", 1_000_000);
    }); RpcClient client = service.connect(Role.VIEWER)) {
      int port = service.port();
      client.pause();
      int batches = 1000;
      for (int b = 0; b < batches; b++) {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 100; i++) {
          batch.add(new JsonObject().put("jsonrpc", "2.0").put("method", "get_server_info").put("id", b * 100 + i));
        }
        client.send(batch.encode());
      }
      // Its buffer is over the bound now: notifications to it are dropped, not queued.
      MediaTesting.await("a notification to be dropped", Duration.ofSeconds(20), () -> {
        service.events().publish(new Event(Topics.CAMERA_CONNECTED, "camera0", "camera_status_update",
            new JsonObject()));
        return Http.metric(port, "notifications_dropped_total") > 0;
      });
      MediaTesting.await("the socket to be closed after the grace period", Duration.ofSeconds(30),
          () -> Http.metric(port, "slow_consumer_disconnects_total") == 1.0);

      client.resume();
      int expectedId = 0;
      while (true) {
        String frame;
        try {
          frame = client.nextText(5000);
        } catch (AssertionError closedAndDrained) {
          break;
        }
        Object message = Json.decodeValue(frame);
        if (message instanceof JsonArray) {
          for (Object answer : (JsonArray) message) {
            assertThat(((JsonObject) answer).getInteger("id")).as("answers arrive complete and in order")
                .isEqualTo(expectedId++);
          }
        }
      }
      assertThat(expectedId).as("some answers were written before the cut-off").isPositive();
      assertThat(expectedId).as("the service stopped reading requests it could not answer").isLessThan(
          batches * 100);
      assertThat(client.awaitClosed(Duration.ofSeconds(20))).isTrue();
      assertThat(Http.metric(port, "ws_connections_open")).isEqualTo(0.0);
    }
  }
}
