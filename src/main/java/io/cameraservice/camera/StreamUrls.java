package io.cameraservice.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** Network camera URLs: their scheme, and a form safe to show (no password, token or key). */
public final class StreamUrls {

  /** Query parameter names (lower case) whose values are secrets: tokens, passwords, keys and signatures. */
  static final Set<String> SENSITIVE_PARAMETERS = Set.of("token", "access_token", "auth", "authorization",
      "password", "passwd", "pass", "pwd", "secret", "key", "api_key", "apikey", "signature", "sig", "credentials");

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

  /**
   * The URL safe to show (answers, error details, logs, notifications): any password in its user info and the
   * value of every sensitive query parameter ({@link #SENSITIVE_PARAMETERS}, any case) replaced by {@code ***}.
   * This is the one redaction every place that shows a camera URL uses.
   */
  public static String redact(String url) {
    return redactQuery(redactUserInfo(url));
  }

  private static String redactQuery(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    int fragment = url.indexOf('#', query);
    int end = fragment < 0 ? url.length() : fragment;
    StringBuilder out = new StringBuilder(url.length()).append(url, 0, query + 1);
    String[] pairs = url.substring(query + 1, end).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      out.append(i == 0 ? "" : "&")
          .append(eq >= 0 && SENSITIVE_PARAMETERS.contains(name) ? pair.substring(0, eq + 1) + "***" : pair);
    }
    return out.append(url, end, url.length()).toString();
  }

  private static String redactUserInfo(String url) {
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
