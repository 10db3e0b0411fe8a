package io.cameraservice.rpc;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Encodes JSON-RPC 2.0 frames. Ids are echoed with their JSON type; notifications carry no id key at all. Strings,
 * numbers and Vert.x JSON values are written directly, the rest through Vert.x's codec.
 */
public final class RpcMessages {

  private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

  private RpcMessages() {}

  public static String result(Object id, Object result) {
    StringBuilder out = new StringBuilder(64).append("{\"jsonrpc\":\"2.0\",\"result\":");
    value(out, result);
    return id(out.append(",\"id\":"), id).append('}').toString();
  }

  public static String error(Object id, RpcError error) {
    StringBuilder out = new StringBuilder(160).append("{\"jsonrpc\":\"2.0\",\"error\":")
        .append(error.toJson().encode()).append(",\"id\":");
    return id(out, id).append('}').toString();
  }

  public static String notification(String method, Object params) {
    StringBuilder out = new StringBuilder(128).append("{\"jsonrpc\":\"2.0\",\"method\":");
    value(out, method);
    value(out.append(",\"params\":"), params);
    return out.append('}').toString();
  }

  private static StringBuilder id(StringBuilder out, Object id) {
    return value(out, id);
  }

  private static StringBuilder value(StringBuilder out, Object value) {
    if (value == null) {
      return out.append("null");
    }
    if (value instanceof String) {
      out.append('"');
      STRINGS.quoteAsString((String) value, out);
      return out.append('"');
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      return out.append(value);
    }
    if (value instanceof JsonObject) {
      return out.append(((JsonObject) value).encode());
    }
    if (value instanceof JsonArray) {
      return out.append(((JsonArray) value).encode());
    }
    return out.append(Json.encode(value));
  }
}
