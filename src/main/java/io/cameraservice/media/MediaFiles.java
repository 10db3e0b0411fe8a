package io.cameraservice.media;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where media files go and what they are called: {@code <data>/recordings/<camera>/<camera>_YYYY-MM-DD_HH-MM-SS.ext}
 * and {@code <data>/snapshots/<camera>/<camera>_YYYY-MM-DD_HH-MM-SS[_n].jpg}, times in UTC. A name is claimed by
 * creating the file, so two writers never share one.
 */
final class MediaFiles {

  static final String PART = ".part";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);

  private final Path recordings;
  private final Path snapshots;

  MediaFiles(Path dataDir) {
    this.recordings = dataDir.resolve("recordings");
    this.snapshots = dataDir.resolve("snapshots");
  }

  Path recordingsRoot() {
    return recordings;
  }

  /**
   * Claims a recording file. With {@code partial} the bytes go to {@code <name>.part} (claimed here) and the final
   * name is only checked to be free; the returned path is the final one. Blocking.
   */
  Path claimRecording(String camera, Instant at, String extension, boolean partial) throws IOException {
    Path dir = Files.createDirectories(recordings.resolve(camera));
    String base = camera + "_" + STAMP.format(at);
    for (int n = 0; ; n++) {
      Path file = dir.resolve(base + (n == 0 ? "" : "_" + n) + "." + extension);
      if (Files.exists(file) || Files.exists(partOf(file))) {
        continue;
      }
      try {
        Files.createFile(partial ? partOf(file) : file);
        return file;
      } catch (FileAlreadyExistsException e) {
        // taken meanwhile: try the next suffix
      }
    }
  }

  /** Claims a snapshot file; {@code requested} is a client's name (already validated, with extension) or null. */
  Path claimSnapshot(String camera, Instant at, String requested) throws IOException {
    Path dir = Files.createDirectories(snapshots.resolve(camera));
    String name = requested == null ? camera + "_" + STAMP.format(at) + ".jpg" : requested;
    int dot = name.lastIndexOf('.');
    String stem = name.substring(0, dot);
    String ext = name.substring(dot);
    for (int n = 0; ; n++) {
      Path file = dir.resolve(stem + (n == 0 ? "" : "_" + n) + ext);
      try {
        return Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        // taken: try the next suffix
      }
    }
  }

  static Path partOf(Path file) {
    return file.resolveSibling(file.getFileName() + PART);
  }
}
