package io.cameraservice.camera;

import java.util.Map;

/** The live media URLs of a camera, for the Camera {@code streams} object (supplied by the media feature). */
@FunctionalInterface
public interface LiveLinks {

  /** Protocol name to URL in the order clients see them, only for what is served. */
  Map<String, String> streams(Camera camera);
}
