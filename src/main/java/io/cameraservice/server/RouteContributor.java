package io.cameraservice.server;

import io.vertx.ext.web.Router;
import java.util.List;

/** A feature's HTTP routes (health, metrics, downloads, live media), mounted on every event loop's router. */
@FunctionalInterface
public interface RouteContributor {
  void mount(Router router);

  /** WebSocket endpoints besides {@code /ws}; upgrades to any other path are refused with 404. */
  default List<WebSocketEndpoint> webSockets() {
    return List.of();
  }
}
