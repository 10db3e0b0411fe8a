package io.cameraservice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real media made once per test run with {@code ffmpeg -f lavfi} test patterns: a 2 s 320x240 MP4 and MKV, and a
 * 320x240 JPEG. Tests copy them into camera folders under the names and modification times they need.
 */
public final class MediaSamples {

  public static final double DURATION_SECONDS = 2.0;
  private static Path dir;

  private MediaSamples() {}

  public static synchronized Path mp4() {
    return sample("sample.mp4", List.of("-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset",
        "ultrafast"));
  }

  public static synchronized Path mkv() {
    return sample("sample.mkv", List.of("-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset",
        "ultrafast"));
  }

  public static synchronized Path jpg() {
    return sample("sample.jpg", List.of("-frames:v", "1"));
  }

  /** Copies {@code sample} to {@code <dataDir>/<kind folder>/<camera>/<name>} with the given modification time. */
  public static Path place(Path sample, Path dataDir, String folder, String camera, String name, Instant modified) {
    try {
      Path target = dataDir.resolve(folder).resolve(camera).resolve(name);
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling("." + name + ".tmp");
      Files.copy(sample, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(partial, FileTime.from(modified));
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file of {@code size} bytes of no particular content (for size and paging tests). */
  public static Path placeBytes(Path dataDir, String folder, String camera, String name, int size,
      Instant modified) {
    try {
      Path target = dataDir.resolve(folder).resolve(camera).resolve(name);
      Files.createDirectories(target.getParent());
      Files.write(target, new byte[size]);
      Files.setLastModifiedTime(target, FileTime.from(modified));
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path sample(String name, List<String> args) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("camera-service-samples");
        dir.toFile().deleteOnExit();
      }
      Path out = dir.resolve(name);
      if (Files.exists(out)) {
        return out;
      }
      List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
          "testsrc=size=320x240:rate=10"));
      command.addAll(args);
      command.add(out.toString());
      Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(ffmpeg.getInputStream().readAllBytes());
      if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
        throw new IllegalStateException("ffmpeg failed to make " + name + ": " + output);
      }
      out.toFile().deleteOnExit();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
