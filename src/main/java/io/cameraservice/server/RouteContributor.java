package io.cameraservice.server;

import io.vertx.ext.web.Router;

/** A feature's HTTP routes (health, metrics, downloads, live media), mounted on every event loop's router. */
@FunctionalInterface
public interface RouteContributor {
  void mount(Router router);
}
