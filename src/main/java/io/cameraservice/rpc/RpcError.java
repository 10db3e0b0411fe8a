package io.cameraservice.rpc;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * A JSON-RPC error object: a code from {@link ErrorCode}, its fixed message, and {@code data} that always carries a
 * snake_case {@code reason} plus the fields the contract names for that code. Factories exist for each code so that
 * callers cannot forget a field.
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

  public static RpcError authenticationFailed(String reason) {
    return new RpcError(ErrorCode.AUTHENTICATION_FAILED, reason);
  }

  public static RpcError permissionDenied(String requiredRole, String haveRole) {
    return new RpcError(ErrorCode.PERMISSION_DENIED, "insufficient_role")
        .with("required_role", requiredRole).with("have_role", haveRole);
  }

  public static RpcError notFound(String resource, String id) {
    return new RpcError(ErrorCode.NOT_FOUND, resource + "_not_found").with("resource", resource).with("id", id);
  }

  public static RpcError invalidState(String reason, String state, Collection<String> allowedStates) {
    return new RpcError(ErrorCode.INVALID_STATE, reason).with("state", state)
        .with("allowed_states", new JsonArray(java.util.List.copyOf(allowedStates)));
  }

  public static RpcError unsupported(String reason, String feature) {
    return new RpcError(ErrorCode.UNSUPPORTED, reason).with("feature", feature);
  }

  public static RpcError rateLimited(String reason, long retryAfterMs, Object limit, String scope) {
    return new RpcError(ErrorCode.RATE_LIMITED, reason).with("retry_after_ms", retryAfterMs)
        .with("limit", limit).with("scope", scope);
  }

  public static RpcError dependencyFailed(String reason, String dependency, String detail) {
    return new RpcError(ErrorCode.DEPENDENCY_FAILED, reason).with("dependency", dependency).with("detail", detail);
  }

  public static RpcError insufficientStorage(long availableBytes, long requiredBytes) {
    return new RpcError(ErrorCode.INSUFFICIENT_STORAGE, "below_free_space_floor")
        .with("available_bytes", availableBytes).with("required_bytes", requiredBytes);
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
