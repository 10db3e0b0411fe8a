package io.cameraservice.bench;

import io.vertx.core.json.JsonObject;

/** Repeats one method with fixed parameters: {@code ping}, {@code get_server_info}, ... */
final class MethodScenario implements Scenario {

  private final String method;
  private final String frame;

  MethodScenario(String method, JsonObject params) {
    this.method = method;
    JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("method", method).put("id", 1);
    if (params != null && !params.isEmpty()) {
      request.put("params", params);
    }
    this.frame = request.encode();
  }

  @Override
  public String name() {
    return method;
  }

  @Override
  public String request(int connection) {
    return frame;
  }
}
