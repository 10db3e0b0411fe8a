package io.cameraservice.camera;

import java.util.List;

/** One pixel format a source offers, with the frame sizes and rates it supports in that format. */
public record VideoFormat(String fourcc, String description, List<FrameSize> sizes) {

  public VideoFormat {
    sizes = List.copyOf(sizes);
  }

  /** A frame size ("WxH") and the frame rates offered at it (empty when the device does not say). */
  public record FrameSize(int width, int height, List<Double> fps) {

    public FrameSize {
      fps = List.copyOf(fps);
    }

    public String size() {
      return width + "x" + height;
    }
  }
}
