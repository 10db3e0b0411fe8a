package io.cameraservice.camera;

import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg/ffprobe input options for a network URL. Each scheme gets only the protocols it needs, so a playlist
 * or redirect cannot make ffmpeg open local files or other protocols behind the operator's back.
 */
public final class NetworkInput {

  private NetworkInput() {}

  /** Options that go before {@code -i URL}. */
  public static List<String> options(String url) {
    String scheme = StreamUrls.scheme(url);
    List<String> out = new ArrayList<>();
    out.add("-protocol_whitelist");
    switch (scheme == null ? "" : scheme) {
      case "rtsp", "rtsps" -> {
        out.add("rtsp,rtsps,rtp,srtp,udp,tcp,tls");
        out.add("-rtsp_transport");
        out.add("tcp");
      }
      case "http", "https" -> out.add("http,https,tcp,tls,crypto,httpproxy");
      case "rtmp" -> out.add("rtmp,tcp");
      case "file" -> out.add("file");
      default -> out.add("none");
    }
    return out;
  }

  /** A local clip plays at its own pace and loops, like a camera that never ends. */
  public static boolean isFile(String url) {
    return "file".equals(StreamUrls.scheme(url));
  }
}
