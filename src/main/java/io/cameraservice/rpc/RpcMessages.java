package io.cameraservice.rpc;

import io.vertx.core.json.Json;

/** Encodes JSON-RPC 2.0 frames. Ids are echoed with their JSON type; notifications carry no id key at all. */
public final class RpcMessages {

  private RpcMessages() {}

  public static String result(Object id, Object result) {
    return "{\"jsonrpc\":\"2.0\",\"result\":" + Json.encode(result) + ",\"id\":" + Json.encode(id) + "}";
  }

  public static String error(Object id, RpcError error) {
    return "{\"jsonrpc\":\"2.0\",\"error\":" + error.toJson().encode() + ",\"id\":" + Json.encode(id) + "}";
  }

  public static String notification(String method, Object params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":" + Json.encode(method) + ",\"params\":" + Json.encode(params) + "}";
  }
}
