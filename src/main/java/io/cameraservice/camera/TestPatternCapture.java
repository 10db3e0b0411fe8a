package io.cameraservice.camera;

/** A synthetic picture from ffmpeg's lavfi; {@code timecode} burns the wall clock into it (latency benchmark). */
public record TestPatternCapture(String pattern, String size, double fps, boolean timecode) implements CaptureSource {

  @Override
  public String kind() {
    return "test_pattern";
  }

  @Override
  public boolean deliversH264() {
    return false;
  }
}
