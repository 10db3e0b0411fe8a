package io.cameraservice.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Network camera URLs: their scheme, and a form safe to show (no password). */
public final class StreamUrls {

  private StreamUrls() {}

  /** The lower-case scheme, or null when {@code url} is not a URL. */
  public static String scheme(String url) {
    try {
      String scheme = new URI(url).getScheme();
      return scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The URL with any password in its user info replaced by {@code ***}. */
  public static String redact(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return url;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = url.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = url.indexOf(c, authorityStart);
      if (i >= 0 && i < authorityEnd) {
        authorityEnd = i;
      }
    }
    int at = url.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return url;
    }
    String userInfo = url.substring(authorityStart, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    return url.substring(0, authorityStart) + user + (colon < 0 ? "" : ":***") + url.substring(at);
  }
}
