package io.cameraservice.app;

import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.server.RouteContributor;
import io.vertx.core.Future;
import java.util.List;

/** One feature as the wiring sees it: its methods, its HTTP routes, and how it starts and stops. */
interface Feature {

  default void registerInto(MethodRegistry methods) {}

  default List<RouteContributor> routes() {
    return List.of();
  }

  /** Starts background work; the service starts serving once every feature's start has completed. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /**
   * Stops background work. Called after in-flight calls have finished (or the grace period ended) and before the
   * sockets close, in the reverse order of start.
   */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }

  /** Releases what the feature holds; called last, also after a failed start. Must not fail. */
  default void close() {}
}
