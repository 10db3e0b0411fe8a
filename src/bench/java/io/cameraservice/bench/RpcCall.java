package io.cameraservice.bench;

import io.vertx.core.json.JsonObject;

/** A request the load generator sends over and over: a method and its params (null or empty for none). */
record RpcCall(String method, JsonObject params) {

  static RpcCall of(String method) {
    return new RpcCall(method, null);
  }

  /** The request's text frame with {@code id}, encoded once per id so that the measured loop only writes it. */
  String frame(long id) {
    JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("method", method).put("id", id);
    if (params != null && !params.isEmpty()) {
      request.put("params", params);
    }
    return request.encode();
  }
}
