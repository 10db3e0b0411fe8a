package io.cameraservice.config;

import java.util.List;

public record RecordingSettings(String defaultFormat, int segmentSeconds, long segmentBytes) implements Validated {

  public static final List<String> FORMATS = List.of("fmp4", "mp4", "mkv");

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.oneOf(prefix + ".default_format", defaultFormat, FORMATS);
    problems.range(prefix + ".segment_seconds", segmentSeconds, 0, 86400);
    if (segmentBytes != 0) {
      problems.range(prefix + ".segment_bytes", segmentBytes, 1 << 20, 1L << 40);
    }
  }
}
