package io.cameraservice.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The ffmpeg/ffprobe input arguments for a network URL. Each scheme gets only the protocols it needs, so a playlist
 * or redirect cannot make ffmpeg open local files or other protocols behind the operator's back.
 *
 * <p>A URL that carries a secret (a password in its user info, a token or key in its query: whatever
 * {@link StreamUrls#redact} would hide) never goes on the command line, which every local user can read in
 * /proc/PID/cmdline. ffmpeg has no argument file and reads no option from the environment, and {@code -headers}
 * would be on the command line too; what it can do is read its input URL from a file: the concat demuxer's ffconcat
 * script. So such a URL is written into a script (0600, in a 0700 directory of this process) and ffmpeg opens
 * {@code -f concat -safe 0 -i script}; the input options go into the script as {@code option} lines, which the
 * concat demuxer passes to the inner input. Checked with ffmpeg 5.1 against an HTTP server asking for basic auth.
 */
public final class NetworkInput {

  private static Path scripts;

  private NetworkInput() {}

  /**
   * The arguments that open {@code url}, ending with {@code -i} and the input: {@code inputOptions} (name to value,
   * without the dash) apply to that input. Blocking (may write a file): call off the event loop.
   */
  public static List<String> input(String url, Map<String, String> inputOptions) {
    Map<String, String> options = new java.util.LinkedHashMap<>();
    if (isRtsp(url)) {
      options.put("rtsp_transport", "tcp");
    }
    options.putAll(inputOptions);
    List<String> out = new ArrayList<>();
    if (StreamUrls.redact(url).equals(url)) {
      out.addAll(List.of("-protocol_whitelist", protocols(url)));
      options.forEach((name, value) -> out.addAll(List.of("-" + name, value)));
      out.addAll(List.of("-i", url));
      return out;
    }
    // "file" only lets the concat demuxer read its own script; the inner input keeps the scheme's protocols.
    out.addAll(List.of("-f", "concat", "-safe", "0", "-protocol_whitelist", "file," + protocols(url),
        "-i", script(url, options).toString()));
    return out;
  }

  /** A local clip plays at its own pace and loops, like a camera that never ends. */
  public static boolean isFile(String url) {
    return "file".equals(StreamUrls.scheme(url));
  }

  private static boolean isRtsp(String url) {
    String scheme = StreamUrls.scheme(url);
    return "rtsp".equals(scheme) || "rtsps".equals(scheme);
  }

  private static String protocols(String url) {
    String scheme = StreamUrls.scheme(url);
    return switch (scheme == null ? "" : scheme) {
      case "rtsp", "rtsps" -> "rtsp,rtsps,rtp,srtp,udp,tcp,tls";
      case "http", "https" -> "http,https,tcp,tls,crypto,httpproxy";
      case "rtmp" -> "rtmp,tcp";
      case "file" -> "file";
      default -> "none";
    };
  }

  /** The script for {@code url}: named by a hash of its content, so a restart of the same camera reuses it. */
  private static Path script(String url, Map<String, String> options) {
    StringBuilder text = new StringBuilder("ffconcat version 1.0\nfile '").append(url.replace("'", "'\\''"))
        .append("'\n");
    options.forEach((name, value) -> text.append("option ").append(name).append(' ').append(value).append('\n'));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try {
      Path dir = scriptDirectory();
      Path file = dir.resolve(sha256(bytes) + ".ffconcat");
      if (!Files.exists(file)) {
        Path temp = Files.createTempFile(dir, "input", ".tmp", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        file.toFile().deleteOnExit();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the private ffmpeg input script", e);
    }
  }

  private static synchronized Path scriptDirectory() throws IOException {
    if (scripts == null) {
      scripts = Files.createTempDirectory("camera-service-inputs-", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      scripts.toFile().deleteOnExit();
    }
    return scripts;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
