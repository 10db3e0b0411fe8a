package io.cameraservice.config;

import java.util.List;

public record MediaSettings(
    String ffmpegPath,
    String ffprobePath,
    EncoderSettings encoder,
    JpegSettings jpeg,
    int autoCloseAfterSeconds,
    int startTimeoutSeconds,
    int probeTimeoutSeconds,
    RestartSettings restart,
    BufferSettings buffers,
    LiveSettings live) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.notBlank(prefix + ".ffmpeg_path", ffmpegPath);
    problems.notBlank(prefix + ".ffprobe_path", ffprobePath);
    encoder.validate(prefix + ".encoder", problems);
    jpeg.validate(prefix + ".jpeg", problems);
    problems.range(prefix + ".auto_close_after_seconds", autoCloseAfterSeconds, 1, 86400);
    problems.range(prefix + ".start_timeout_seconds", startTimeoutSeconds, 1, 300);
    problems.range(prefix + ".probe_timeout_seconds", probeTimeoutSeconds, 1, 300);
    restart.validate(prefix + ".restart", problems);
    buffers.validate(prefix + ".buffers", problems);
    live.validate(prefix + ".live", problems);
  }

  public record EncoderSettings(String preset, String tune, double gopSeconds, int bitrateKbps)
      implements Validated {

    static final List<String> PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium");
    static final List<String> TUNES = List.of("zerolatency", "film", "animation", "grain", "stillimage", "none");

    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.oneOf(prefix + ".preset", preset, PRESETS);
      problems.oneOf(prefix + ".tune", tune, TUNES);
      if (!(gopSeconds >= 0.1 && gopSeconds <= 10)) {
        problems.add(prefix + ".gop_seconds", "must be between 0.1 and 10 (got " + gopSeconds + ")");
      }
      problems.range(prefix + ".bitrate_kbps", bitrateKbps, 64, 100_000);
    }
  }

  public record JpegSettings(int fps, int quality) implements Validated {
    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.range(prefix + ".fps", fps, 1, 30);
      problems.range(prefix + ".quality", quality, 1, 100);
    }
  }

  public record RestartSettings(int initialDelayMs, int maxDelayMs, double multiplier, int resetAfterSeconds)
      implements Validated {
    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.range(prefix + ".initial_delay_ms", initialDelayMs, 10, 600_000);
      problems.range(prefix + ".max_delay_ms", maxDelayMs, 10, 3_600_000);
      if (maxDelayMs < initialDelayMs) {
        problems.add(prefix + ".max_delay_ms", "must not be below initial_delay_ms");
      }
      if (!(multiplier >= 1 && multiplier <= 10)) {
        problems.add(prefix + ".multiplier", "must be between 1 and 10 (got " + multiplier + ")");
      }
      problems.range(prefix + ".reset_after_seconds", resetAfterSeconds, 1, 86400);
    }
  }

  public record BufferSettings(int gopMaxBytes, int viewerQueueBytes, int recordingQueueBytes,
      int pendingFragments) implements Validated {
    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.range(prefix + ".gop_max_bytes", gopMaxBytes, 64 << 10, 256 << 20);
      problems.range(prefix + ".viewer_queue_bytes", viewerQueueBytes, 16 << 10, 256 << 20);
      problems.range(prefix + ".recording_queue_bytes", recordingQueueBytes, 64 << 10, 1 << 30);
      problems.range(prefix + ".pending_fragments", pendingFragments, 4, 10_000);
    }
  }

  public record LiveSettings(int urlTtlSeconds, int maxViewersPerCamera) implements Validated {
    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.range(prefix + ".url_ttl_seconds", urlTtlSeconds, 10, 7 * 86400);
      problems.range(prefix + ".max_viewers_per_camera", maxViewersPerCamera, 1, 10_000);
    }
  }
}
