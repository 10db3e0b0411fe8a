package io.cameraservice.camera;

/**
 * A camera as the registry knows it at one moment (immutable; the registry swaps whole values).
 *
 * @param stableKey what identifies the physical source across re-plugs and restarts (by-id name, URL, config id)
 */
public record Camera(String id, String name, CameraStatus status, CaptureSource source,
    CameraCapabilities capabilities, ValidationStatus validation, String stableKey) {

  public boolean connected() {
    return status != CameraStatus.DISCONNECTED;
  }

  public Camera withStatus(CameraStatus next) {
    ValidationStatus v = next == CameraStatus.DISCONNECTED && validation == ValidationStatus.CONFIRMED
        ? ValidationStatus.DISCONNECTED : validation;
    return new Camera(id, name, next, source, capabilities, v, stableKey);
  }

  public String resolution() {
    return source.size();
  }

  public double fps() {
    return source.fps();
  }
}
