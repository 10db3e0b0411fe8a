package io.cameraservice.server;

import io.cameraservice.config.ConfigProblems;
import io.cameraservice.config.ServiceConfig;

import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code server.allowed_origins}: the browser origins whose pages may open the WebSocket endpoints and read HTTP
 * answers across origins. A browser sends {@code Origin} with every WebSocket upgrade, and a page on another site
 * would otherwise drive {@code /ws} or {@code /live/*.ws} from a visitor's browser. Always allowed: requests without
 * {@code Origin} (non-browser clients, which can send any header anyway) and the service's own origin, the
 * request's scheme and {@code Host}. Origins compare by scheme, host and port, case-insensitively, with the
 * default port (80, 443) implied.
 */
public final class AllowedOrigins {

  /** The entry that allows every origin. */
  public static final String ANY = "*";

  private final boolean any;
  private final Set<String> listed;

  AllowedOrigins(List<String> entries) {
    this.any = entries.contains(ANY);
    this.listed = entries.stream().filter(e -> !ANY.equals(e)).map(AllowedOrigins::normalize)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Reports each entry of {@code server.allowed_origins} that is not an origin (a {@code config.ConfigCheck}). */
  public static void checkSettings(ServiceConfig config, ConfigProblems problems) {
    List<String> entries = config.server().allowedOrigins();
    for (int i = 0; i < entries.size(); i++) {
      String problem = problemWith(entries.get(i));
      if (problem != null) {
        problems.add("server.allowed_origins[" + i + "]", problem);
      }
    }
  }

  /** Why {@code entry} is not a valid list entry, or null when it is one. */
  private static String problemWith(String entry) {
    if (ANY.equals(entry)) {
      return null;
    }
    return normalize(entry) == null
        ? "must be an origin such as https://console.example:8443 (scheme http or https, a host, an optional "
            + "port, no path) or \"*\" (got " + (entry == null ? "nothing" : "'" + entry + "'") + ")"
        : null;
  }

  /**
   * Whether a request with this {@code Origin} header (null when absent) may go on.
   *
   * @param scheme the request's own scheme (http or https)
   * @param authority the request's {@code Host}, null when it has none
   */
  boolean allows(String origin, String scheme, HostAndPort authority) {
    if (origin == null || any) {
      return true;
    }
    String given = normalize(origin);
    if (given == null) {
      return false; // "null" (sandboxed pages, file:) or junk
    }
    return listed.contains(given) || given.equals(ownOrigin(scheme, authority));
  }

  private static String ownOrigin(String scheme, HostAndPort authority) {
    if (authority == null || scheme == null) {
      return null;
    }
    String host = authority.host();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return normalize(scheme + "://" + host + (authority.port() >= 0 ? ":" + authority.port() : ""));
  }

  /** {@code scheme://host[:port]} in lower case without a default port; null when not such an origin. */
  private static String normalize(String origin) {
    if (origin == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
        && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
        || uri.getPort() > 65535) {
      return null;
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
