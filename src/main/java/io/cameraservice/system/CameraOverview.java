package io.cameraservice.system;

import java.util.List;

/** What {@code get_system_status} needs to know about cameras, supplied by the camera feature. */
public interface CameraOverview {

  /** Ids of cameras that are connected now. */
  List<String> available();

  /** Ids of cameras the service knows of (connected or not). */
  List<String> known();

  boolean discoveryActive();

  /** For a host without a camera feature wired in. */
  CameraOverview NONE = new CameraOverview() {
    @Override
    public List<String> available() {
      return List.of();
    }

    @Override
    public List<String> known() {
      return List.of();
    }

    @Override
    public boolean discoveryActive() {
      return false;
    }
  };
}
