package io.cameraservice.files;

import io.cameraservice.auth.DownloadSigner;
import java.nio.charset.StandardCharsets;

/** The {@code download_url} of a file: its route with a short-lived signature scoped to that one file. */
public final class DownloadLinks {

  public static final String PREFIX = "/files/";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final DownloadSigner signer;

  public DownloadLinks(DownloadSigner signer) {
    this.signer = signer;
  }

  public String urlFor(MediaFile file) {
    return PREFIX + file.kind().folder() + "/" + encode(file.filename()) + "?"
        + signer.query(scope(file.kind(), file.filename()));
  }

  /** Changes when links handed out from now on get another expiry time (a page holding links depends on it). */
  public Object expiryTag() {
    return signer.currentExpiry();
  }

  public DownloadSigner.Verdict verify(MediaKind kind, String filename, String expires, String signature) {
    return signer.verify(scope(kind, filename), expires, signature);
  }

  private static String scope(MediaKind kind, String filename) {
    return kind.folder() + "/" + filename;
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters, so the name is one path segment. */
  static String encode(String segment) {
    StringBuilder out = null;
    byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean unreserved = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-'
          || b == '.' || b == '_' || b == '~';
      if (out == null && !unreserved) {
        out = new StringBuilder(bytes.length + 16).append(segment, 0, i);
      }
      if (out != null) {
        if (unreserved) {
          out.append((char) b);
        } else {
          out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
      }
    }
    return out == null ? segment : out.toString();
  }
}
