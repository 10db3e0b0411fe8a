package io.cameraservice.media;

import io.cameraservice.auth.DownloadSigner;
import io.cameraservice.camera.Camera;
import io.cameraservice.camera.LiveLinks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live URLs of a camera, relative to the service (like {@code download_url}, with the same kind of signature,
 * scoped to {@code live/<camera>} and lasting {@code media.live.url_ttl_seconds}) so a browser or player can open
 * them without a header:
 * {@code fmp4} (HTTP, fragmented MP4: players, {@code <video>}), {@code mse} (WebSocket, one fragment per message:
 * Media Source Extensions), {@code mjpeg} ({@code multipart/x-mixed-replace}: any {@code <img>}).
 */
public final class StreamLinks implements LiveLinks {

  private final DownloadSigner signer;

  public StreamLinks(DownloadSigner signer) {
    this.signer = signer;
  }

  /** The signature scope that covers every live route of one camera. */
  private static String scope(String cameraId) {
    return "live/" + cameraId;
  }

  public String query(String cameraId) {
    return signer.query(scope(cameraId));
  }

  /** Whether a request's {@code expires} and {@code sig} open the live routes of {@code cameraId}. */
  DownloadSigner.Verdict verify(String cameraId, String expires, String signature) {
    return signer.verify(scope(cameraId), expires, signature);
  }

  @Override
  public Map<String, String> streams(Camera camera) {
    String q = query(camera.id());
    Map<String, String> streams = new LinkedHashMap<>();
    streams.put("fmp4", url(camera.id(), ".mp4", q));
    streams.put("mse", url(camera.id(), ".ws", q));
    streams.put("mjpeg", url(camera.id(), ".mjpeg", q));
    return streams;
  }

  /** The URL {@code start_streaming} and {@code get_stream_url} answer with: fragmented MP4 over HTTP. */
  public String streamUrl(String cameraId) {
    return url(cameraId, ".mp4", query(cameraId));
  }

  public String mjpegUrl(String cameraId) {
    return url(cameraId, ".mjpeg", query(cameraId));
  }

  private static String url(String cameraId, String suffix, String query) {
    return "/live/" + cameraId + suffix + "?" + query;
  }

  /** The browser page that plays a camera (served by the service). */
  public String playerUrl(String cameraId) {
    return "/live/player.html?camera=" + cameraId + "&" + query(cameraId);
  }
}
