package io.cameraservice.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what an abrupt end (power loss, SIGKILL) left behind: an mp4/mkv recording still in its fragmented
 * {@code .part} form is remuxed to its final name; a half-done remux is deleted. Runs once at start-up. Blocking.
 */
final class PartialRecordings {

  private static final Logger LOG = LoggerFactory.getLogger(PartialRecordings.class);

  private PartialRecordings() {}

  /** Answers the final paths recovered. */
  static List<Path> recover(Path recordingsRoot, Remuxer remuxer) {
    List<Path> recovered = new ArrayList<>();
    if (!Files.isDirectory(recordingsRoot)) {
      return recovered;
    }
    List<Path> parts;
    try (Stream<Path> files = Files.walk(recordingsRoot, 2)) {
      parts = files.filter(p -> p.getFileName().toString().endsWith(MediaFiles.PART)).toList();
    } catch (IOException e) {
      LOG.warn("cannot scan {} for unfinished recordings: {}", recordingsRoot, e.toString());
      return recovered;
    }
    for (Path part : parts) {
      String name = part.getFileName().toString();
      Path target = part.resolveSibling(name.substring(0, name.length() - MediaFiles.PART.length()));
      try {
        if (name.endsWith(".remux" + MediaFiles.PART) || Files.exists(target) || Files.size(part) == 0) {
          Files.delete(part);
          continue;
        }
        RecordingFormat format = target.toString().endsWith(".mkv") ? RecordingFormat.MKV : RecordingFormat.MP4;
        remuxer.remux(target, format);
        recovered.add(target);
        LOG.info("recovered unfinished recording {}", target.getFileName());
      } catch (IOException e) {
        LOG.warn("cannot recover {}: {}", part.getFileName(), e.getMessage());
      }
    }
    return recovered;
  }
}
