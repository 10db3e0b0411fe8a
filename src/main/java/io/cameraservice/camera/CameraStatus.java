package io.cameraservice.camera;

public enum CameraStatus {
  CONNECTED, DISCONNECTED, ERROR
}
