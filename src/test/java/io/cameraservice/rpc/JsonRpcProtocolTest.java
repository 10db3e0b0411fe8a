package io.cameraservice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.SharedService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract sections 1 and 3 over a real WebSocket: ids, notifications, batches and every protocol error. */
class JsonRpcProtocolTest {

  @RegisterExtension
  static final SharedService SHARED = new SharedService();

  private static JsonObject error(JsonObject response) {
    assertThat(response.containsKey("result")).as("no result beside an error").isFalse();
    return response.getJsonObject("error");
  }

  private static void assertError(JsonObject response, int code, String message, String reason) {
    JsonObject error = error(response);
    assertThat(error.getInteger("code")).isEqualTo(code);
    assertThat(error.getString("message")).isEqualTo(message);
    assertThat(error.getJsonObject("data").getString("reason")).isEqualTo(reason);
  }

  @Test
  void numericIdIsEchoedAsNumber() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":7}");
      JsonObject response = client.nextObject();
      assertThat(response.getValue("id")).isEqualTo(7);
      assertThat(response.getString("jsonrpc")).isEqualTo("2.0");
      assertThat(response.getValue("result")).isEqualTo("pong");
    }
  }

  @Test
  void stringIdIsEchoedAsString() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":\"7\"}");
      assertThat(client.nextObject().getValue("id")).isEqualTo("7");
    }
  }

  @Test
  void nullAndFractionalIdsAreEchoedWithTheirType() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":null}");
      JsonObject response = client.nextObject();
      assertThat(response.containsKey("id")).isTrue();
      assertThat(response.getValue("id")).isNull();
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":2.5}");
      assertThat(client.nextObject().getValue("id")).isEqualTo(2.5);
    }
  }

  @Test
  void idsBeyondADoubleKeepTheirNumberToken() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1e999}");
      String answer = client.nextText(5_000);
      assertThat(answer).contains("\"id\":1E+999").doesNotContain("Infinity");
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":-1.5e-400}");
      assertThat(client.nextText(5_000)).contains("\"id\":-1.5E-400");
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":123456789012345678901234567890}");
      assertThat(client.nextText(5_000)).contains("\"id\":123456789012345678901234567890}");
    }
  }

  @Test
  void timestampsBeyondYear9999AreOutOfRange() {
    try (RpcClient client = SHARED.get().connect(Role.ADMIN)) {
      for (String param : new String[] {"since", "until"}) {
        JsonObject response = client.call("list_recordings",
            new JsonObject().put(param, "+999999999-12-31T23:59:59Z"));
        assertError(response, -32602, "Invalid params", "out_of_range");
        assertThat(error(response).getJsonObject("data").getString("param")).isEqualTo(param);
      }
    }
  }

  @Test
  void unpairedSurrogatesInStringsAreInvalidValues() {
    try (RpcClient client = SHARED.get().connect(Role.ADMIN)) {
      client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"take_snapshot\",\"params\":"
          + "{\"device\":\"camera0\",\"filename\":\"\\ud800\"}}");
      JsonObject response = client.nextObject();
      assertError(response, -32602, "Invalid params", "invalid_value");
      assertThat(error(response).getJsonObject("data").getString("param")).isEqualTo("filename");
      client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"get_snapshot_info\",\"params\":"
          + "{\"filename\":\"a\\udc00b.jpg\"}}");
      assertError(client.nextObject(), -32602, "Invalid params", "invalid_value");
    }
  }

  @Test
  void notificationIsExecutedButNeverAnswered() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\"}");
      assertThat(client.silentFor(Duration.ofMillis(300))).isTrue();
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }

  @Test
  void invalidJsonIsParseErrorWithNullId() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1");
      JsonObject response = client.nextObject();
      assertError(response, -32700, "Parse error", "invalid_json");
      assertThat(response.containsKey("id")).isTrue();
      assertThat(response.getValue("id")).isNull();
    }
  }

  @Test
  void jsonThatIsNotARequestIsInvalidRequest() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("42");
      JsonObject response = client.nextObject();
      assertError(response, -32600, "Invalid Request", "not_a_request_object");
      assertThat(response.getValue("id")).isNull();
    }
  }

  @Test
  void missingOrWrongVersionIsInvalidRequestWithTheIdItCouldRead() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"method\":\"ping\",\"id\":3}");
      JsonObject response = client.nextObject();
      assertError(response, -32600, "Invalid Request", "invalid_jsonrpc_version");
      assertThat(response.getValue("id")).isEqualTo(3);
      client.send("{\"jsonrpc\":\"1.0\",\"method\":\"ping\",\"id\":4}");
      assertError(client.nextObject(), -32600, "Invalid Request", "invalid_jsonrpc_version");
    }
  }

  @Test
  void missingOrNonStringMethodIsInvalidRequest() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"id\":5}");
      assertError(client.nextObject(), -32600, "Invalid Request", "missing_method");
      client.send("{\"jsonrpc\":\"2.0\",\"method\":12,\"id\":6}");
      JsonObject response = client.nextObject();
      assertError(response, -32600, "Invalid Request", "invalid_method");
      assertThat(response.getValue("id")).isEqualTo(6);
    }
  }

  @Test
  void invalidIdTypeIsInvalidRequestWithNullId() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{\"a\":1}}");
      JsonObject response = client.nextObject();
      assertError(response, -32600, "Invalid Request", "invalid_id");
      assertThat(response.getValue("id")).isNull();
    }
  }

  @Test
  void positionalParamsAreInvalidParams() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":[1],\"id\":8}");
      JsonObject response = client.nextObject();
      assertError(response, -32602, "Invalid params", "positional_params");
      assertThat(error(response).getJsonObject("data").getString("param")).isEqualTo("params");
      assertThat(error(response).getJsonObject("data").getString("rule")).isNotBlank();
    }
  }

  @Test
  void emptyParamsObjectAndMissingParamsAreBothValid() {
    try (RpcClient client = SHARED.get().connect()) {
      assertThat(client.call("ping", new JsonObject()).getValue("result")).isEqualTo("pong");
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }

  @Test
  void unknownParameterIsInvalidParamsNamingIt() {
    try (RpcClient client = SHARED.get().connect()) {
      JsonObject response = client.call("ping", new JsonObject().put("loud", true));
      assertError(response, -32602, "Invalid params", "unknown_param");
      assertThat(error(response).getJsonObject("data").getString("param")).isEqualTo("loud");
      assertThat(error(response).getJsonObject("data").getString("rule")).isNotBlank();
    }
  }

  @Test
  void missingAndMistypedParametersNameParamAndRule() {
    try (RpcClient client = SHARED.get().connect()) {
      JsonObject missing = client.call("authenticate", new JsonObject());
      assertError(missing, -32602, "Invalid params", "missing_param");
      assertThat(error(missing).getJsonObject("data").getString("param")).isEqualTo("auth_token");
      assertThat(error(missing).getJsonObject("data").getString("rule")).isEqualTo("required");
      JsonObject mistyped = client.call("authenticate", new JsonObject().put("auth_token", 5));
      assertError(mistyped, -32602, "Invalid params", "wrong_type");
      assertThat(error(mistyped).getJsonObject("data").getString("rule")).isEqualTo("must be a string");
    }
  }

  @Test
  void unknownMethodForAuthenticatedCallerIsMethodNotFound() {
    try (RpcClient client = SHARED.get().connect(Role.ADMIN)) {
      JsonObject response = client.call("make_coffee");
      assertError(response, -32601, "Method not found", "method_not_found");
      assertThat(error(response).getJsonObject("data").getString("method")).isEqualTo("make_coffee");
    }
  }

  @Test
  void batchAnswersRequestsInOrderAndLeavesNotificationsOut() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"get_status\",\"id\":\"two\"},"
          + "{\"foo\":\"bar\"},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":3}]");
      JsonArray answers = client.nextArray();
      assertThat(answers).hasSize(4);
      assertThat(answers.getJsonObject(0).getValue("id")).isEqualTo(1);
      assertThat(answers.getJsonObject(0).getValue("result")).isEqualTo("pong");
      assertThat(answers.getJsonObject(1).getValue("id")).isEqualTo("two");
      assertThat(answers.getJsonObject(1).getJsonObject("error").getInteger("code")).isEqualTo(-32001);
      assertThat(answers.getJsonObject(2).getValue("id")).isNull();
      assertThat(answers.getJsonObject(2).getJsonObject("error").getInteger("code")).isEqualTo(-32600);
      assertThat(answers.getJsonObject(3).getValue("id")).isEqualTo(3);
    }
  }

  @Test
  void batchOfOnlyNotificationsGetsNoAnswer() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]");
      assertThat(client.silentFor(Duration.ofMillis(300))).isTrue();
    }
  }

  @Test
  void emptyBatchIsInvalidRequest() {
    try (RpcClient client = SHARED.get().connect()) {
      client.send("[]");
      JsonObject response = client.nextObject();
      assertError(response, -32600, "Invalid Request", "empty_batch");
      assertThat(response.getValue("id")).isNull();
    }
  }

  @Test
  void batchOverTheConfiguredSizeIsInvalidRequest() {
    try (RpcClient client = SHARED.get().connect()) {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < 101; i++) {
        batch.add(new JsonObject().put("jsonrpc", "2.0").put("method", "ping").put("id", i));
      }
      client.send(batch.encode());
      assertError(client.nextObject(), -32600, "Invalid Request", "batch_too_large");
    }
  }

  @Test
  void messageOverTheLimitIsRefusedAndTheSocketStaysUsable() {
    // Authenticated: before that, a socket may send no more than server.max_unauthenticated_message_bytes.
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      String padding = "x".repeat(2 * 1024 * 1024);
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"pad\":\"" + padding + "\"},\"id\":1}");
      JsonObject response = client.nextObject();
      assertError(response, -32600, "Invalid Request", "message_too_large");
      assertThat(response.getValue("id")).isNull();
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }

  @Test
  void multiByteTextIsMeasuredInBytes() {
    // Authenticated: before that, a socket may send no more than server.max_unauthenticated_message_bytes.
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      // 400,000 three-byte characters: under the limit in characters, over it in bytes.
      String padding = "\u20ac".repeat(400_000);
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"pad\":\"" + padding + "\"},\"id\":1}");
      assertError(client.nextObject(), -32600, "Invalid Request", "message_too_large");
    }
  }

  @Test
  void binaryFramesAreRefusedAndTheSocketStaysUsable() {
    try (RpcClient client = SHARED.get().connect()) {
      client.sendBinary("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}".getBytes());
      assertError(client.nextObject(), -32600, "Invalid Request", "binary_frames_not_supported");
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }

  @Test
  void serverNotificationsCarryNoIdKey() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      SHARED.get().events().publish(new io.cameraservice.events.Event("camera.connected", "camera0",
          "camera_status_update", new JsonObject().put("device", "camera0")));
      // Raw frames: awaitNotification itself passes over frames with an id, so it could not show one.
      JsonObject notification = client.nextObject();
      while (!"camera_status_update".equals(notification.getString("method"))) {
        notification = client.nextObject();
      }
      assertThat(notification.containsKey("id")).isFalse();
      assertThat(notification.getString("jsonrpc")).isEqualTo("2.0");
    }
  }
}
