package io.cameraservice.config;

import java.util.List;

/** A synthetic camera drawn by ffmpeg's lavfi; what {@code demo} and the tests use. */
public record TestPatternSettings(String id, String pattern, String size, Integer fps, String name, String overlay)
    implements Validated {

  public static final List<String> PATTERNS =
      List.of("testsrc", "testsrc2", "smptebars", "smptehdbars", "rgbtestsrc", "yuvtestsrc");
  public static final List<String> OVERLAYS = List.of("none", "timecode");

  public TestPatternSettings {
    pattern = pattern == null ? "testsrc2" : pattern;
    size = size == null ? "640x480" : size;
    fps = fps == null ? 15 : fps;
    name = name == null ? "Test pattern " + id : name;
    overlay = overlay == null ? "none" : overlay;
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    Ids.checkCameraId(prefix + ".id", id, problems);
    problems.oneOf(prefix + ".pattern", pattern, PATTERNS);
    problems.oneOf(prefix + ".overlay", overlay, OVERLAYS);
    Ids.checkSize(prefix + ".size", size, problems);
    problems.range(prefix + ".fps", fps, 1, 60);
  }
}
