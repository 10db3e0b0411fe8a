package io.cameraservice.media;

import io.cameraservice.governance.WorkPool;
import io.cameraservice.process.Commands;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a finished fragmented-MP4 {@code .part} file into its final format by stream copy (no re-encoding), then
 * moves it to its final name in one step so nobody ever sees a half-remuxed file. The file's creation time is the
 * recording's start, read from its name.
 */
final class Remuxer {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final String ffmpeg;
  private final WorkPool pool;

  Remuxer(String ffmpeg, WorkPool pool) {
    this.ffmpeg = ffmpeg;
    this.pool = pool;
  }

  /** Remuxes {@code <target>.part} into {@code target}; the part file is removed on success. */
  Future<Void> finish(Path target, RecordingFormat format) {
    return pool.submit(() -> {
      remux(target, format);
      return null;
    });
  }

  /** Blocking. */
  void remux(Path target, RecordingFormat format) throws IOException {
    Path part = MediaFiles.partOf(target);
    Path temp = target.resolveSibling(target.getFileName() + ".remux" + MediaFiles.PART);
    List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-i", part.toString(), "-map", "0", "-c", "copy"));
    Instant started = MediaFiles.startOf(target.getFileName().toString());
    if (started != null) {
      // The container's own creation time is the recording's start, also when the remux runs at the next start-up.
      cmd.addAll(List.of("-metadata", "creation_time=" + started));
    }
    if ("mp4".equals(format.remuxTo)) {
      cmd.addAll(List.of("-movflags", "+faststart"));
    }
    cmd.addAll(List.of("-f", format.remuxTo, temp.toString()));
    Commands.Result result = Commands.run(cmd, TIMEOUT);
    if (!result.succeeded()) {
      Files.deleteIfExists(temp);
      throw new IOException("remux of " + part.getFileName() + " failed: " + result.reason());
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    Files.delete(part);
  }
}
