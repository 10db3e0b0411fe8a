package io.cameraservice.camera;

import io.cameraservice.domain.Failure;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.process.Commands;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Asks {@code ffprobe} what a network URL delivers: codec, size and frame rate of its first video stream. */
public final class StreamProbe {

  /** What the probe found. */
  public record Result(String codec, int width, int height, double fps) {

    public String size() {
      return width > 0 && height > 0 ? width + "x" + height : null;
    }

    /** The V4L2-style name of the codec, as reported in {@code formats}. */
    public String fourcc() {
      return switch (codec) {
        case "h264" -> "H264";
        case "hevc" -> "HEVC";
        case "mjpeg" -> "MJPG";
        default -> codec.toUpperCase(java.util.Locale.ROOT);
      };
    }
  }

  private final String ffprobe;
  private final Duration timeout;
  private final WorkPool pool;

  public StreamProbe(String ffprobe, Duration timeout, WorkPool pool) {
    this.ffprobe = ffprobe;
    this.timeout = timeout;
    this.pool = pool;
  }

  /** Fails with -32050 ({@code stream_unreachable}) when the URL gives no video; the detail never shows a password. */
  public Future<Result> probe(String url) {
    List<String> command = new ArrayList<>(List.of(ffprobe, "-v", "error"));
    command.addAll(List.of("-select_streams", "v:0", "-show_entries",
        "stream=codec_name,width,height,avg_frame_rate,r_frame_rate", "-of", "json"));
    return pool.submit(() -> {
      // Off the event loop: a URL with a secret is written into a private input script.
      command.addAll(NetworkInput.input(url, Map.of()));
      return Commands.run(command, timeout);
    }).compose(run -> {
      if (!run.succeeded()) {
        return unreachable(url, run.reason());
      }
      try {
        JsonArray streams = new JsonObject(run.stdout()).getJsonArray("streams", new JsonArray());
        if (streams.isEmpty()) {
          return unreachable(url, "no video stream");
        }
        JsonObject s = streams.getJsonObject(0);
        double fps = rate(s.getString("avg_frame_rate"));
        return Future.succeededFuture(new Result(s.getString("codec_name", "unknown"), s.getInteger("width", 0),
            s.getInteger("height", 0), fps > 0 ? fps : rate(s.getString("r_frame_rate"))));
      } catch (DecodeException | ClassCastException e) {
        return unreachable(url, "unreadable ffprobe output");
      }
    });
  }

  private static Future<Result> unreachable(String url, String reason) {
    String detail = reason.replace(url, StreamUrls.redact(url));
    return Future.failedFuture(Failure.dependencyFailed("stream_unreachable", "camera", detail));
  }

  /** "30000/1001" to 29.97; 0 when unknown. */
  static double rate(String ratio) {
    if (ratio == null) {
      return 0;
    }
    String[] parts = ratio.split("/");
    try {
      double num = Double.parseDouble(parts[0]);
      double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
      return den == 0 ? 0 : Math.round(num / den * 1000) / 1000.0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
