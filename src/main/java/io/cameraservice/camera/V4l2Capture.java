package io.cameraservice.camera;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A V4L2 capture node read in one of its modes ({@code fourcc} is YUYV, MJPG, H264, ...). */
public record V4l2Capture(Path device, String fourcc, String size, double fps) implements CaptureSource {

  /**
   * The V4L2 formats the pipeline can read, as ffmpeg's {@code -input_format} names, in order of preference: H.264 is
   * copied, MJPEG is cheap to decode, raw formats come last.
   */
  public static final Map<String, String> INPUT_FORMATS = inputFormats();

  @Override
  public String kind() {
    return "v4l2";
  }

  @Override
  public boolean deliversH264() {
    return "H264".equals(fourcc);
  }

  /** ffmpeg's {@code -input_format} for this mode, or null to let the device choose. */
  public String inputFormat() {
    return fourcc == null ? null : INPUT_FORMATS.get(fourcc);
  }

  private static Map<String, String> inputFormats() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("H264", "h264");
    m.put("MJPG", "mjpeg");
    m.put("JPEG", "mjpeg");
    m.put("YUYV", "yuyv422");
    m.put("UYVY", "uyvy422");
    m.put("NV12", "nv12");
    m.put("YU12", "yuv420p");
    m.put("RGB3", "rgb24");
    m.put("BGR3", "bgr24");
    m.put("GREY", "gray");
    return Collections.unmodifiableMap(m);
  }
}
