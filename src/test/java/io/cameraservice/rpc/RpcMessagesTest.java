package io.cameraservice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames written by hand must be the JSON a codec would write. */
class RpcMessagesTest {

  @Test
  void resultsOfEveryKindRoundTrip() {
    String tricky = "quote \" backslash \\ newline \n tab \t unicode \u20ac \u0001 end";
    for (Object value : List.of("pong", tricky, 42, 42L, true, 2.5, new JsonObject().put("a", tricky),
        new JsonArray().add(1).add("x"), Map.of("k", "v"), List.of(1, 2))) {
      JsonObject frame = new JsonObject(RpcMessages.result("id-" + tricky, value));
      assertThat(frame.getString("jsonrpc")).isEqualTo("2.0");
      assertThat(frame.getString("id")).isEqualTo("id-" + tricky);
      Object back = frame.getValue("result");
      if (value instanceof Map) {
        assertThat(back).isEqualTo(new JsonObject((Map<String, Object>) value));
      } else if (value instanceof List) {
        assertThat(back).isEqualTo(new JsonArray((List<?>) value));
      } else if (value instanceof Long) {
        assertThat(((Number) back).longValue()).isEqualTo(42L);
      } else {
        assertThat(back).isEqualTo(value);
      }
    }
    assertThat(new JsonObject(RpcMessages.result(null, null)).getValue("result")).isNull();
    assertThat(new JsonObject(RpcMessages.result(7, "x")).getValue("id")).isEqualTo(7);
  }

  @Test
  void notificationsHaveNoId() {
    JsonObject frame = new JsonObject(RpcMessages.notification("camera_status_update",
        new JsonObject().put("device", "camera0")));
    assertThat(frame.containsKey("id")).isFalse();
    assertThat(frame.getJsonObject("params").getString("device")).isEqualTo("camera0");
  }
}
