package io.cameraservice.camera;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the mode a V4L2 camera is read in: the preferred size (or the largest below it, or the smallest there is),
 * in the best format that offers it (H.264 is copied, MJPEG is cheap to decode, raw formats last), at the preferred
 * rate or the fastest below it.
 */
final class CaptureModeChooser {

  /** V4L2 fourcc to ffmpeg's v4l2 {@code -input_format}, in order of preference. */
  static final Map<String, String> INPUT_FORMATS = orderedFormats();

  private CaptureModeChooser() {}

  static V4l2Capture choose(Path device, List<VideoFormat> formats, String preferredSize, int preferredFps) {
    List<VideoFormat> usable = formats.stream().filter(f -> INPUT_FORMATS.containsKey(f.fourcc()))
        .sorted(Comparator.comparingInt(f -> rank(f.fourcc()))).toList();
    String[] wh = preferredSize.split("x");
    long target = Long.parseLong(wh[0]) * Long.parseLong(wh[1]);
    Optional<VideoFormat.FrameSize> best = usable.stream().flatMap(f -> f.sizes().stream())
        .max(Comparator.comparingLong(s -> score(s, target)));
    if (best.isEmpty()) {
      return new V4l2Capture(device, null, null, 0);
    }
    String size = best.get().size();
    for (VideoFormat format : usable) {
      for (VideoFormat.FrameSize s : format.sizes()) {
        if (s.size().equals(size)) {
          return new V4l2Capture(device, format.fourcc(), size, rate(s.fps(), preferredFps));
        }
      }
    }
    throw new IllegalStateException("size " + size + " vanished");
  }

  /** Sizes at or below the target rank by area above every size beyond it; beyond it, smaller is better. */
  private static long score(VideoFormat.FrameSize s, long target) {
    long area = (long) s.width() * s.height();
    return area <= target ? area : -area;
  }

  private static double rate(List<Double> offered, int preferred) {
    return offered.stream().filter(f -> f <= preferred + 0.01).max(Double::compare)
        .or(() -> offered.stream().min(Double::compare)).orElse(0.0);
  }

  private static int rank(String fourcc) {
    int i = 0;
    for (String key : INPUT_FORMATS.keySet()) {
      if (key.equals(fourcc)) {
        return i;
      }
      i++;
    }
    return i;
  }

  private static Map<String, String> orderedFormats() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
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
    return java.util.Collections.unmodifiableMap(m);
  }
}
