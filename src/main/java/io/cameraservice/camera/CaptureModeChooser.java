package io.cameraservice.camera;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the mode a V4L2 camera is read in: the preferred size (or the largest below it, or the smallest there is),
 * in the best format that offers it ({@link V4l2Capture#INPUT_FORMATS} order), at the preferred rate or the fastest
 * below it.
 */
final class CaptureModeChooser {

  private CaptureModeChooser() {}

  static V4l2Capture choose(Path device, List<VideoFormat> formats, String preferredSize, int preferredFps) {
    List<VideoFormat> usable = formats.stream().filter(f -> V4l2Capture.INPUT_FORMATS.containsKey(f.fourcc()))
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
    for (String key : V4l2Capture.INPUT_FORMATS.keySet()) {
      if (key.equals(fourcc)) {
        return i;
      }
      i++;
    }
    return i;
  }
}
