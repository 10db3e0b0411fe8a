package io.cameraservice.camera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a camera can deliver: its formats, each with sizes and rates. */
public record CameraCapabilities(List<VideoFormat> formats) {

  public static final CameraCapabilities UNKNOWN = new CameraCapabilities(List.of());

  public CameraCapabilities {
    formats = List.copyOf(formats);
  }

  /** A source with a single mode (test patterns, probed network streams). */
  public static CameraCapabilities single(String fourcc, String description, int width, int height, double fps) {
    return new CameraCapabilities(List.of(new VideoFormat(fourcc, description,
        List.of(new VideoFormat.FrameSize(width, height, fps > 0 ? List.of(fps) : List.of())))));
  }

  public List<String> formatNames() {
    return formats.stream().map(VideoFormat::fourcc).distinct().toList();
  }

  /** Every size any format offers, largest first. */
  public List<String> resolutions() {
    List<VideoFormat.FrameSize> sizes = new ArrayList<>();
    formats.forEach(f -> sizes.addAll(f.sizes()));
    sizes.sort(Comparator.comparingInt((VideoFormat.FrameSize s) -> s.width() * s.height()).reversed()
        .thenComparing(VideoFormat.FrameSize::width, Comparator.reverseOrder()));
    Set<String> out = new LinkedHashSet<>();
    sizes.forEach(s -> out.add(s.size()));
    return List.copyOf(out);
  }

  /** Every frame rate offered, rounded to whole frames per second, highest first. */
  public List<Integer> fpsOptions() {
    Set<Integer> out = new TreeSet<>(Comparator.reverseOrder());
    formats.forEach(f -> f.sizes().forEach(s -> s.fps().forEach(fps -> out.add((int) Math.round(fps)))));
    out.remove(0);
    return List.copyOf(out);
  }
}
