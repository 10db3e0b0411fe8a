package io.cameraservice.rpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The OpenRPC document (https://spec.open-rpc.org) of a set of method declarations. Besides the standard fields each
 * method carries {@code x-role} (the default minimum role, {@code none} for methods that need no session) and
 * {@code x-rate-class}; the server's notifications, which OpenRPC has no place for, are listed under
 * {@code x-notifications} with their topics. Errors every call can get whatever the method (rate limits, a batch or
 * message over its limit) are described once in {@code info.description} rather than on every method.
 */
public final class OpenRpcDocument {

  /** The newest version of the specification the published meta-schema accepts. */
  public static final String OPENRPC_VERSION = "1.3.2";

  private static final String EVERY_CALL = "Every call can also answer -32040 (rate_limited; overloaded for control "
      + "and file methods while a critical resource alert sheds load; server_busy when a work queue is full) and "
      + "-32603 internal_error (a bug). Methods other than ping and authenticate answer -32001 auth_required on a "
      + "socket that has not authenticated, whether or not they exist.";

  private OpenRpcDocument() {}

  public static JsonObject of(String title, String version, Collection<MethodSpec> methods,
      Collection<NotificationSpec> notifications) {
    JsonArray methodObjects = new JsonArray();
    methods.forEach(m -> methodObjects.add(method(m)));
    JsonArray notificationObjects = new JsonArray();
    notifications.forEach(n -> notificationObjects.add(new JsonObject()
        .put("method", n.method())
        .put("topics", new JsonArray(n.topics()))
        .put("x-role", n.access().wireName())
        .put("summary", n.summary())
        .put("params", n.params())));
    return new JsonObject()
        .put("openrpc", OPENRPC_VERSION)
        .put("info", new JsonObject().put("title", title).put("version", version)
            .put("description", "JSON-RPC 2.0 over the WebSocket endpoint /ws, params by name. " + EVERY_CALL))
        .put("methods", methodObjects)
        .put("x-notifications", notificationObjects);
  }

  private static JsonObject method(MethodSpec spec) {
    JsonArray params = new JsonArray();
    for (Param p : spec.params().params()) {
      params.add(new JsonObject().put("name", p.name()).put("description", p.description())
          .put("required", p.isRequired()).put("schema", p.jsonSchema()));
    }
    JsonArray errors = new JsonArray();
    errors(spec).forEach(e -> errors.add(new JsonObject().put("code", e.code().code())
        .put("message", e.code().message()).put("data", new JsonObject().put("reason", e.reason()))));
    return new JsonObject()
        .put("name", spec.name())
        .put("summary", spec.summary())
        .put("paramStructure", "by-name")
        .put("params", params)
        .put("result", new JsonObject().put("name", "result").put("description", spec.result())
            .put("schema", spec.resultSchema().copy()))
        .put("errors", errors)
        .put("x-role", spec.access().wireName())
        .put("x-rate-class", spec.rateClass().configName());
  }

  /** The method's own errors after those its parameters and its access level bring, each (code, reason) once. */
  private static List<MethodError> errors(MethodSpec spec) {
    Set<MethodError> errors = new LinkedHashSet<>();
    if (spec.access() != Access.OPEN) {
      errors.add(MethodError.authenticationFailed("auth_required"));
      errors.add(MethodError.authenticationFailed("token_expired"));
      errors.add(MethodError.permissionDenied("insufficient_role"));
    }
    errors.add(MethodError.invalidParams("unknown_param"));
    for (Param p : spec.params().params()) {
      p.reasons().forEach(reason -> errors.add(MethodError.invalidParams(reason)));
    }
    errors.addAll(spec.errors());
    return new ArrayList<>(errors);
  }
}
