package io.cameraservice.camera;

import io.vertx.core.json.JsonObject;

/** The wire shape of the camera notifications' {@code params} (api/contract.md, events). */
final class CameraNotifications {

  private CameraNotifications() {
  }

  /** {@code camera_status_update}: the Camera object, exactly as {@code get_camera_list} shows it. */
  static JsonObject statusUpdate(Camera camera, LiveLinks links) {
    return CameraMethods.cameraObject(camera, links);
  }
}
