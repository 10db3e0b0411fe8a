package io.cameraservice.config;

public record CameraSettings(int maxCameras) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".max_cameras", maxCameras, 1, 1024);
  }
}
