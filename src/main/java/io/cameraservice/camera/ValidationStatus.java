package io.cameraservice.camera;

/** How far a camera's capabilities are known to be true (contract: {@code validation_status}). */
public enum ValidationStatus {
  /** Not probed (yet), or the probe failed. */
  NONE,
  /** Known from an earlier probe, but the camera is gone now. */
  DISCONNECTED,
  /** Probed on the connected camera. */
  CONFIRMED
}
