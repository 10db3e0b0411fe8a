package io.cameraservice.system;

import java.util.List;

/** What {@code get_system_status} needs to know about cameras, supplied by the camera feature. */
public interface CameraOverview {

  /** Ids of cameras that are connected now. */
  List<String> available();

  /** Ids of cameras the service knows of (connected or not). */
  List<String> known();

  boolean discoveryActive();
}
