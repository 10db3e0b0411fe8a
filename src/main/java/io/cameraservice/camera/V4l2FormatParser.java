package io.cameraservice.camera;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code v4l2-ctl --list-formats-ext} prints: the current layout ({@code [0]: 'MJPG' (Motion-JPEG,
 * compressed)}) and the older one ({@code Pixel Format: 'MJPG' (compressed)} / {@code Name : ...}), with discrete,
 * stepwise and continuous sizes and intervals. Only video capture formats count; a metadata node yields none.
 */
public final class V4l2FormatParser {

  private static final Pattern TYPE = Pattern.compile("^\\s*Type\\s*:\\s*(.+)$");
  private static final Pattern FORMAT = Pattern.compile("^\\s*\\[\\d+\\]: '(.{1,4})' \\((.*)\\)\\s*$");
  private static final Pattern LEGACY_FORMAT = Pattern.compile("^\\s*Pixel Format\\s*: '(.{1,4})'(.*)$");
  private static final Pattern LEGACY_NAME = Pattern.compile("^\\s*Name\\s*: (.*)$");
  private static final Pattern DISCRETE_SIZE = Pattern.compile("^\\s*Size: Discrete (\\d+)x(\\d+)\\s*$");
  private static final Pattern RANGE_SIZE = Pattern.compile(
      "^\\s*Size: (?:Stepwise|Continuous) (\\d+)x(\\d+) - (\\d+)x(\\d+)(?: with step (\\d+)/(\\d+))?\\s*$");
  private static final Pattern DISCRETE_INTERVAL =
      Pattern.compile("^\\s*Interval: Discrete [0-9.]+s \\(([0-9.]+) fps\\)\\s*$");
  private static final Pattern RANGE_INTERVAL =
      Pattern.compile("^\\s*Interval: (?:Stepwise|Continuous) .*\\(([0-9.]+)-([0-9.]+) fps\\)\\s*$");

  /** Sizes offered for stepwise/continuous ranges: the common ones that fit, plus the largest. */
  private static final int[][] COMMON_SIZES = {{320, 240}, {640, 480}, {800, 600}, {1024, 768}, {1280, 720},
      {1280, 960}, {1920, 1080}, {2592, 1944}, {3840, 2160}};
  private static final double[] COMMON_RATES = {60, 30, 25, 15, 10, 5};

  private V4l2FormatParser() {}

  public static List<VideoFormat> parse(String output) {
    List<FormatBuilder> formats = new ArrayList<>();
    FormatBuilder format = null;
    SizeBuilder size = null;
    boolean capture = true;
    for (String line : output.split("\\R")) {
      Matcher m;
      if ((m = TYPE.matcher(line)).matches()) {
        capture = m.group(1).trim().startsWith("Video Capture");
        format = null;
        size = null;
      } else if ((m = FORMAT.matcher(line)).matches()) {
        format = capture ? add(formats, m.group(1), m.group(2).replace(", compressed", "").trim()) : null;
        size = null;
      } else if ((m = LEGACY_FORMAT.matcher(line)).matches()) {
        format = capture ? add(formats, m.group(1), "") : null;
        size = null;
      } else if ((m = LEGACY_NAME.matcher(line)).matches() && format != null) {
        format.description = m.group(1).trim();
      } else if (format == null) {
        continue;
      } else if ((m = DISCRETE_SIZE.matcher(line)).matches()) {
        size = format.size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      } else if ((m = RANGE_SIZE.matcher(line)).matches()) {
        size = null;
        addRange(format, m);
      } else if ((m = DISCRETE_INTERVAL.matcher(line)).matches() && size != null) {
        size.fps.add(Double.parseDouble(m.group(1)));
      } else if ((m = RANGE_INTERVAL.matcher(line)).matches()) {
        double min = Double.parseDouble(m.group(1));
        double max = Double.parseDouble(m.group(2));
        List<SizeBuilder> targets = size != null ? List.of(size) : format.sizes;
        for (SizeBuilder target : targets) {
          target.fps.add(max);
          for (double rate : COMMON_RATES) {
            if (rate >= min && rate < max) {
              target.fps.add(rate);
            }
          }
        }
      }
    }
    return formats.stream().map(FormatBuilder::build).toList();
  }

  private static FormatBuilder add(List<FormatBuilder> formats, String fourcc, String description) {
    FormatBuilder f = new FormatBuilder(fourcc.trim(), description);
    formats.add(f);
    return f;
  }

  private static void addRange(FormatBuilder format, Matcher m) {
    int minW = Integer.parseInt(m.group(1));
    int minH = Integer.parseInt(m.group(2));
    int maxW = Integer.parseInt(m.group(3));
    int maxH = Integer.parseInt(m.group(4));
    int stepW = m.group(5) == null ? 1 : Math.max(1, Integer.parseInt(m.group(5)));
    int stepH = m.group(6) == null ? 1 : Math.max(1, Integer.parseInt(m.group(6)));
    for (int[] s : COMMON_SIZES) {
      if (s[0] >= minW && s[0] <= maxW && s[1] >= minH && s[1] <= maxH
          && (s[0] - minW) % stepW == 0 && (s[1] - minH) % stepH == 0) {
        format.size(s[0], s[1]);
      }
    }
    format.size(maxW, maxH);
  }

  private static final class FormatBuilder {
    final String fourcc;
    String description;
    final List<SizeBuilder> sizes = new ArrayList<>();

    FormatBuilder(String fourcc, String description) {
      this.fourcc = fourcc;
      this.description = description;
    }

    SizeBuilder size(int width, int height) {
      for (SizeBuilder s : sizes) {
        if (s.width == width && s.height == height) {
          return s;
        }
      }
      SizeBuilder s = new SizeBuilder(width, height);
      sizes.add(s);
      return s;
    }

    VideoFormat build() {
      return new VideoFormat(fourcc, description, sizes.stream()
          .map(s -> new VideoFormat.FrameSize(s.width, s.height, List.copyOf(s.fps))).toList());
    }
  }

  private static final class SizeBuilder {
    final int width;
    final int height;
    final Set<Double> fps = new LinkedHashSet<>();

    SizeBuilder(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }
}
