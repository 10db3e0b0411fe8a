package io.cameraservice.media;

import static io.cameraservice.testing.MediaTesting.testPatterns;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording notifications reach the sockets subscribed to them, and only those, in the order things happened. */
class NotificationsTest {

  @TempDir
  Path dir;

  @Test
  void recordingUpdatesReachSubscribedSocketsOnlyInOrder() {
    try (TestService service = TestService.start(dir, testPatterns(2));
        RpcClient operator = service.connect(Role.OPERATOR);
        RpcClient unsubscribed = service.connect(Role.VIEWER);
        RpcClient camera1Only = service.connect(Role.VIEWER);
        RpcClient anonymous = service.connect()) {
      unsubscribed.result("unsubscribe_events", new JsonObject().put("topics", new JsonArray().add("recording.*")));
      camera1Only.result("subscribe_events", new JsonObject().put("topics", new JsonArray().add("recording.*"))
          .put("filters", new JsonObject().put("device", "camera1")));

      operator.result("start_recording", new JsonObject().put("device", "camera0").put("duration", 1));
      operator.result("start_recording", new JsonObject().put("device", "camera1").put("duration", 1));

      assertThat(statuses(operator, "camera0")).containsExactly("STARTING", "RECORDING", "STOPPED");
      assertThat(statuses(camera1Only, "camera1")).containsExactly("STARTING", "RECORDING", "STOPPED");
      // Anything sent to these sockets was written before the answer to this ping.
      unsubscribed.call("ping");
      anonymous.call("ping");
      camera1Only.call("ping");
      assertThat(unsubscribed.silentFor(Duration.ofMillis(200))).isTrue();
      assertThat(anonymous.silentFor(Duration.ofMillis(200))).isTrue();
      assertThat(camera1Only.silentFor(Duration.ofMillis(200))).as("nothing about camera0").isTrue();
    }
  }

  /** The recording statuses a socket got for one camera, up to STOPPED (other cameras' updates are skipped). */
  private static List<String> statuses(RpcClient client, String device) {
    List<String> seen = new ArrayList<>();
    while (!seen.contains("STOPPED")) {
      JsonObject n = client.awaitNotification(f -> "recording_status_update".equals(f.getString("method"))
          && device.equals(f.getJsonObject("params").getString("device")));
      seen.add(n.getJsonObject("params").getString("status"));
    }
    return seen;
  }
}
