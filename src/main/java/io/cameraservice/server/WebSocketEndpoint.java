package io.cameraservice.server;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;

/**
 * A WebSocket endpoint other than the JSON-RPC one (e.g. live media), contributed by a feature through
 * {@link RouteContributor#webSockets()}. The endpoint decides on the handshake itself (accept, or reject with an HTTP
 * status) and owns the socket once it is open.
 */
public interface WebSocketEndpoint {

  /** Whether this endpoint serves {@code path}. */
  boolean handles(String path);

  /** Accepts or rejects; may complete later (e.g. after checking credentials). */
  void handshake(ServerWebSocketHandshake handshake);

  void open(ServerWebSocket socket);
}
