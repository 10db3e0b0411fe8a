package io.cameraservice.camera;

import io.vertx.core.json.JsonObject;

/** The live media URLs of a camera, for the Camera {@code streams} object (supplied by the media feature). */
@FunctionalInterface
public interface LiveLinks {

  /** Protocol name to URL, only for what is served; empty for a camera that cannot be watched now. */
  JsonObject streams(Camera camera);
}
