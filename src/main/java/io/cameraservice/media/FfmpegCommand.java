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
import java.util.Map;
import java.util.Locale;

/**
 * The one ffmpeg command line of a camera's pipeline: read the source once, write H.264 as fragmented MP4 (one
 * fragment per frame, for latency) to stdout, and a JPEG side stream (multipart, a few frames per second) to a Unix
 * socket for snapshots and MJPEG viewers. An H.264 source is copied; anything else is encoded with the low-latency
 * settings of {@code media.encoder}.
 */
final class FfmpegCommand {

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
        graph += Timecode.overlay();
      }
      cmd.addAll(List.of("-re", "-f", "lavfi", "-i", graph));
    } else if (source instanceof V4l2Capture v) {
      cmd.addAll(List.of("-f", "v4l2", "-thread_queue_size", "64"));
      if (v.inputFormat() != null) {
        cmd.addAll(List.of("-input_format", v.inputFormat()));
      }
      if (v.size() != null) {
        cmd.addAll(List.of("-video_size", v.size()));
      }
      if (v.fps() > 0) {
        cmd.addAll(List.of("-framerate", fps(v.fps())));
      }
      cmd.addAll(List.of("-i", v.device().toString()));
    } else if (source instanceof NetworkCapture n) {
      if (NetworkInput.isFile(n.url())) {
        cmd.addAll(List.of("-re", "-stream_loop", "-1"));
        cmd.addAll(NetworkInput.input(n.url(), Map.of()));
      } else {
        cmd.addAll(NetworkInput.input(n.url(), Map.of("rw_timeout", "10000000")));
      }
    }
  }

  private static String fps(double fps) {
    return fps == Math.rint(fps) ? Integer.toString((int) fps) : String.format(Locale.ROOT, "%.3f", fps);
  }
}
