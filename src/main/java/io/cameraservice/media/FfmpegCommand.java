package io.cameraservice.media;

import io.cameraservice.camera.CaptureSource;
import io.cameraservice.camera.NetworkCapture;
import io.cameraservice.camera.NetworkInput;
import io.cameraservice.camera.TestPatternCapture;
import io.cameraservice.camera.V4l2Capture;
import io.cameraservice.config.MediaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one ffmpeg command line of a camera's pipeline: read the source once, write H.264 as fragmented MP4 (one
 * fragment per frame, for latency) to stdout, and a JPEG side stream (multipart, a few frames per second) to a Unix
 * socket for snapshots and MJPEG viewers. An H.264 source is copied; anything else is encoded with the low-latency
 * settings of {@code media.encoder}.
 */
final class FfmpegCommand {

  /** V4L2 fourcc to ffmpeg's {@code -input_format}. */
  private static final Map<String, String> V4L2_INPUT = Map.of("H264", "h264", "MJPG", "mjpeg", "JPEG", "mjpeg",
      "YUYV", "yuyv422", "UYVY", "uyvy422", "NV12", "nv12", "YU12", "yuv420p", "RGB3", "rgb24", "BGR3", "bgr24",
      "GREY", "gray");
  /** Bits of the wall-clock milliseconds burned into a timecode test pattern (wraps every ~17 minutes). */
  static final int TIMECODE_BITS = 20;
  static final int TIMECODE_CELL = 32;
  static final int TIMECODE_HEIGHT = 24;

  private FfmpegCommand() {}

  static List<String> build(MediaSettings settings, CaptureSource source, Path jpegSocket) {
    List<String> cmd = new ArrayList<>(List.of(settings.ffmpegPath(), "-hide_banner", "-nostdin", "-nostats",
        "-loglevel", "warning"));
    input(cmd, source);
    cmd.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn"));
    if (source.deliversH264()) {
      cmd.addAll(List.of("-c:v", "copy"));
    } else {
      MediaSettings.EncoderSettings enc = settings.encoder();
      double fps = source.fps() > 0 ? source.fps() : 25;
      String gop = Integer.toString(Math.max(1, (int) Math.round(fps * enc.gopSeconds())));
      String rate = enc.bitrateKbps() + "k";
      cmd.addAll(List.of("-c:v", "libx264", "-preset", enc.preset()));
      if (!"none".equals(enc.tune())) {
        cmd.addAll(List.of("-tune", enc.tune()));
      }
      cmd.addAll(List.of("-g", gop, "-keyint_min", gop, "-sc_threshold", "0", "-bf", "0", "-b:v", rate,
          "-maxrate", rate, "-bufsize", (enc.bitrateKbps() * 2) + "k", "-pix_fmt", "yuv420p"));
    }
    cmd.addAll(List.of("-f", "mp4", "-movflags", "frag_every_frame+empty_moov+default_base_moof",
        "-flush_packets", "1", "pipe:1"));
    cmd.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn", "-vf", "fps=" + settings.jpeg().fps(), "-c:v", "mjpeg",
        "-q:v", Integer.toString(qscale(settings.jpeg().quality())), "-f", "mpjpeg", "-flush_packets", "1",
        "unix://" + jpegSocket));
    return cmd;
  }

  /** JPEG quality 1..100 to ffmpeg's mjpeg qscale 31..2 (lower is better). */
  static int qscale(int quality) {
    return (int) Math.round(31 - (quality - 1) * 29.0 / 99.0);
  }

  private static void input(List<String> cmd, CaptureSource source) {
    if (source instanceof TestPatternCapture p) {
      String graph = p.pattern() + "=size=" + p.size() + ":rate=" + fps(p.fps());
      if (p.timecode()) {
        graph += timecode(p.size());
      }
      cmd.addAll(List.of("-re", "-f", "lavfi", "-i", graph));
    } else if (source instanceof V4l2Capture v) {
      cmd.addAll(List.of("-f", "v4l2", "-thread_queue_size", "64"));
      if (v.fourcc() != null && V4L2_INPUT.containsKey(v.fourcc())) {
        cmd.addAll(List.of("-input_format", V4L2_INPUT.get(v.fourcc())));
      }
      if (v.size() != null) {
        cmd.addAll(List.of("-video_size", v.size()));
      }
      if (v.fps() > 0) {
        cmd.addAll(List.of("-framerate", fps(v.fps())));
      }
      cmd.addAll(List.of("-i", v.device().toString()));
    } else if (source instanceof NetworkCapture n) {
      cmd.addAll(NetworkInput.options(n.url()));
      if (NetworkInput.isFile(n.url())) {
        cmd.addAll(List.of("-re", "-stream_loop", "-1"));
      } else {
        cmd.addAll(List.of("-rw_timeout", "10000000"));
      }
      cmd.addAll(List.of("-i", n.url()));
    }
  }

  /**
   * Draws the wall-clock milliseconds (mod 2^20) as a strip of black/white cells along the top edge, Gray-coded so
   * that a reading taken across a millisecond tick is off by at most one. The benchmark decodes it from the live
   * stream to measure glass-to-viewer latency.
   */
  private static String timecode(String size) {
    StringBuilder g = new StringBuilder(",drawbox=x=0:y=0:w=" + (TIMECODE_BITS * TIMECODE_CELL) + ":h="
        + TIMECODE_HEIGHT + ":color=black:t=fill");
    for (int k = 0; k < TIMECODE_BITS; k++) {
      g.append(",drawbox=x=").append(k * TIMECODE_CELL).append(":y=0:w=").append(TIMECODE_CELL).append(":h=")
          .append(TIMECODE_HEIGHT).append(":color=white:t=fill:enable='st(0,floor(mod(time(0)*1000,")
          .append(1 << TIMECODE_BITS).append(")));mod(floor(ld(0)/").append(1L << k).append(")+floor(ld(0)/")
          .append(1L << (k + 1)).append("),2)'");
    }
    return g.toString();
  }

  private static String fps(double fps) {
    return fps == Math.rint(fps) ? Integer.toString((int) fps) : String.format(Locale.ROOT, "%.3f", fps);
  }
}
