package io.cameraservice.camera;

/**
 * A network camera or clip. {@code url} may hold credentials: it goes to ffmpeg and nowhere else (see
 * {@link StreamUrls#redact}). {@code codec} is what ffprobe found, null before a successful probe.
 */
public record NetworkCapture(String url, String codec, String size, double fps) implements CaptureSource {

  @Override
  public String kind() {
    return "network";
  }

  @Override
  public boolean deliversH264() {
    return "h264".equals(codec);
  }

  @Override
  public String toString() {
    return "NetworkCapture[" + StreamUrls.redact(url) + ", " + codec + ", " + size + ", " + fps + "]";
  }
}
