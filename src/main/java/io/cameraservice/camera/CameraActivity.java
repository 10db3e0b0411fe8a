package io.cameraservice.camera;

import io.vertx.core.json.JsonObject;

/** What a camera's pipeline is doing now, for {@code get_camera_status} (supplied by the media feature). */
@FunctionalInterface
public interface CameraActivity {

  /** {@code {bytes_sent, readers, uptime}}. */
  JsonObject metrics(String cameraId);
}
