package io.cameraservice.files;

import io.cameraservice.governance.WorkPool;
import io.cameraservice.process.Commands;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a media file's duration, resolution and container: recordings with {@code ffprobe} on the process pool (a
 * tracked child process with a time limit),
 * snapshots from the JPEG header on the file pool (no decoding, no child process). A file that cannot be probed
 * yields {@link MediaInfo#NONE}; that is an answer, not an error, so it is not probed again until it changes.
 */
final class MediaProber {

  private static final Logger LOG = LoggerFactory.getLogger(MediaProber.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final String ffprobe;
  private final WorkPool processes;
  private final WorkPool files;

  /** @param ffprobe the ffprobe to run ({@code media.ffprobe_path}) */
  MediaProber(String ffprobe, WorkPool processes, WorkPool files) {
    this.ffprobe = ffprobe;
    this.processes = processes;
    this.files = files;
  }

  Future<MediaInfo> probe(MediaKind kind, Path file, long size) {
    if (size == 0) {
      return Future.succeededFuture(MediaInfo.NONE);
    }
    return kind == MediaKind.SNAPSHOT ? files.submit(() -> jpegSize(file)) : processes.submit(() -> ffprobe(file));
  }

  private MediaInfo ffprobe(Path file) throws IOException {
    Commands.Result result = Commands.run(List.of(ffprobe, "-v", "error", "-print_format", "json", "-show_entries",
        "format=duration,format_name:stream=codec_type,width,height", "--", file.toString()), TIMEOUT);
    if (result.timedOut()) {
      LOG.warn("ffprobe did not finish within {} s on {}", TIMEOUT.toSeconds(), file.getFileName());
      return MediaInfo.NONE;
    }
    if (!result.succeeded()) {
      LOG.debug("ffprobe could not read {}: {}", file.getFileName(), result.reason());
      return MediaInfo.NONE;
    }
    return parse(result.stdout());
  }

  static MediaInfo parse(String json) {
    try {
      JsonObject root = new JsonObject(json);
      JsonObject format = root.getJsonObject("format", new JsonObject());
      Double duration = number(format.getValue("duration"));
      Integer width = null;
      Integer height = null;
      JsonArray streams = root.getJsonArray("streams", new JsonArray());
      for (int i = 0; i < streams.size(); i++) {
        JsonObject stream = streams.getJsonObject(i);
        if ("video".equals(stream.getString("codec_type")) && stream.getInteger("width") != null) {
          width = stream.getInteger("width");
          height = stream.getInteger("height");
          break;
        }
      }
      return new MediaInfo(duration, width, height, container(format.getString("format_name")));
    } catch (DecodeException | ClassCastException e) {
      return MediaInfo.NONE;
    }
  }

  private static String container(String formatName) {
    if (formatName == null) {
      return null;
    }
    if (formatName.contains("matroska")) {
      return "mkv";
    }
    return formatName.contains("mp4") ? "mp4" : null;
  }

  private static Double number(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof String) {
      try {
        double parsed = Double.parseDouble((String) value);
        return Double.isFinite(parsed) ? parsed : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static MediaInfo jpegSize(Path file) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
    if (!readers.hasNext()) {
      return MediaInfo.NONE;
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
      reader.setInput(in, true, true);
      return new MediaInfo(null, reader.getWidth(0), reader.getHeight(0), "jpg");
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read the JPEG header of {}: {}", file.getFileName(), e.toString());
      return MediaInfo.NONE;
    } finally {
      reader.dispose();
    }
  }
}
