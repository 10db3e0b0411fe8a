package io.cameraservice.rpc;

import io.vertx.core.Future;

/**
 * Runs one method. The result is any value Vert.x can encode as JSON (JsonObject, JsonArray, String, Number, Boolean,
 * Map, List); a failure with a domain {@code Failure} or an {@link RpcException} answers that error, any other
 * failure is an internal error. Handlers run on the connection's event loop and must move blocking work to a bounded
 * pool.
 */
@FunctionalInterface
public interface MethodHandler {
  Future<?> handle(Call call);
}
