package io.cameraservice.media;

import io.cameraservice.auth.UrlSigner;
import io.cameraservice.camera.Camera;
import io.cameraservice.camera.LiveLinks;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The live URLs of a camera, relative to the service (like {@code download_url}) and signed for
 * {@code media.live.url_ttl_seconds} so a browser or player can open them without a header:
 * {@code fmp4} (HTTP, fragmented MP4: players, {@code <video>}), {@code mse} (WebSocket, one fragment per message:
 * Media Source Extensions), {@code mjpeg} ({@code multipart/x-mixed-replace}: any {@code <img>}).
 */
public final class StreamLinks implements LiveLinks {

  private final UrlSigner signer;
  private final Duration ttl;

  public StreamLinks(UrlSigner signer, Duration ttl) {
    this.signer = signer;
    this.ttl = ttl;
  }

  /** The signature scope that covers every live route of one camera. */
  static String scope(String cameraId) {
    return "live/" + cameraId;
  }

  public String query(String cameraId) {
    return signer.sign(scope(cameraId), ttl);
  }

  @Override
  public JsonObject streams(Camera camera) {
    String q = query(camera.id());
    return new JsonObject()
        .put("fmp4", url(camera.id(), ".mp4", q))
        .put("mse", url(camera.id(), ".ws", q))
        .put("mjpeg", url(camera.id(), ".mjpeg", q));
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
