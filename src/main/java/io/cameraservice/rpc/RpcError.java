package io.cameraservice.rpc;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * A JSON-RPC error object: a code from {@link ErrorCode}, its fixed message, and {@code data} that always carries a
 * snake_case {@code reason} plus the fields the contract names for that code. The protocol's own errors have factories
 * here; every other error is a domain failure mapped by {@link #of(Failure)}, whose factories name their fields.
 */
public final class RpcError {

  private final ErrorCode code;
  private final JsonObject data;

  private RpcError(ErrorCode code, String reason) {
    this.code = code;
    this.data = new JsonObject().put("reason", reason);
  }

  public static RpcError parseError() {
    return new RpcError(ErrorCode.PARSE_ERROR, "invalid_json");
  }

  public static RpcError invalidRequest(String reason) {
    return new RpcError(ErrorCode.INVALID_REQUEST, reason);
  }

  public static RpcError methodNotFound(String method) {
    return new RpcError(ErrorCode.METHOD_NOT_FOUND, "method_not_found").with("method", method);
  }

  public static RpcError invalidParams(String reason, String param, String rule) {
    return new RpcError(ErrorCode.INVALID_PARAMS, reason).with("param", param).with("rule", rule);
  }

  public static RpcError internal() {
    return new RpcError(ErrorCode.INTERNAL_ERROR, "internal_error");
  }

  /**
   * The one mapping from a domain failure to the wire: its kind picks the code, its reason and details become
   * {@code data} in the order they were added, so the answer is what the factories above would have built.
   */
  public static RpcError of(Failure failure) {
    RpcError error = new RpcError(codeOf(failure.kind()), failure.reason());
    failure.details().forEach((key, value) -> error.with(key, wire(value)));
    return error;
  }

  private static ErrorCode codeOf(FailureKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> ErrorCode.INVALID_PARAMS;
      case UNAUTHENTICATED -> ErrorCode.AUTHENTICATION_FAILED;
      case FORBIDDEN -> ErrorCode.PERMISSION_DENIED;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case INVALID_STATE -> ErrorCode.INVALID_STATE;
      case UNSUPPORTED -> ErrorCode.UNSUPPORTED;
      case BUSY, OVERLOADED -> ErrorCode.RATE_LIMITED;
      case DEPENDENCY_FAILED -> ErrorCode.DEPENDENCY_FAILED;
      case NO_SPACE -> ErrorCode.INSUFFICIENT_STORAGE;
    };
  }

  private static Object wire(Object value) {
    if (value instanceof Collection<?> c) {
      return new JsonArray(c.stream().map(RpcError::wire).toList());
    }
    if (value instanceof java.util.Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, v) -> o.put(String.valueOf(k), wire(v)));
      return o;
    }
    return value;
  }

  /** Adds a field to {@code data}. */
  public RpcError with(String key, Object value) {
    data.put(key, value);
    return this;
  }

  public ErrorCode code() {
    return code;
  }

  public String reason() {
    return data.getString("reason");
  }

  public JsonObject data() {
    return data;
  }

  public RpcException exception() {
    return new RpcException(this);
  }

  public JsonObject toJson() {
    return new JsonObject().put("code", code.code()).put("message", code.message()).put("data", data);
  }

  @Override
  public String toString() {
    return code.code() + " " + data.encode();
  }
}
