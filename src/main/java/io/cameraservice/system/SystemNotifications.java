package io.cameraservice.system;

import io.vertx.core.json.JsonObject;

/** The wire shapes of the service's lifecycle notifications' {@code params} (api/contract.md, events). */
public final class SystemNotifications {

  private SystemNotifications() {
  }

  /** {@code system_startup}: {@code {version, port}} once the service accepts connections. */
  public static JsonObject startup(String version, int port) {
    return new JsonObject().put("version", version).put("port", port);
  }

  /** {@code system_shutdown}: no params, sent before the sockets close. */
  public static JsonObject shutdown() {
    return new JsonObject();
  }
}
