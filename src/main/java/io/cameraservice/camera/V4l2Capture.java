package io.cameraservice.camera;

import java.nio.file.Path;

/** A V4L2 capture node read in one of its modes ({@code fourcc} is YUYV, MJPG, H264, ...). */
public record V4l2Capture(Path device, String fourcc, String size, double fps) implements CaptureSource {

  @Override
  public String kind() {
    return "v4l2";
  }

  @Override
  public boolean deliversH264() {
    return "H264".equals(fourcc);
  }
}
