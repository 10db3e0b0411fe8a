package io.cameraservice.camera;

/** What a camera's pipeline is doing now, for {@code get_camera_status} (supplied by the media feature). */
@FunctionalInterface
public interface CameraActivity {

  /** A camera's live use: bytes sent to viewers, viewers now, and seconds its pipeline has been running. */
  record Usage(long bytesSent, int readers, long uptimeSeconds) { }

  Usage usage(String cameraId);
}
