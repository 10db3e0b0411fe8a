package io.cameraservice.app;

import io.cameraservice.config.ConfigException;
import io.cameraservice.config.ServerSettings;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Words a failure to listen as a problem of {@code server.host} or {@code server.port}: the operator fixes one of
 * the two, and a socket exception's stack trace names neither.
 */
final class ListenFailure {

  private ListenFailure() {}

  /** The configuration problem behind {@code failure}, or {@code failure} itself when it is not about the address. */
  static Throwable describe(ServerSettings server, Throwable failure) {
    String where = "'" + server.host() + "' port " + server.port();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return new ConfigException("server.host", "cannot resolve '" + server.host() + "'");
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("address already in use")) { // also the native transport's own exception
        return new ConfigException("server.port", "cannot listen on " + where + ": address already in use");
      }
      if (message.contains("permission denied")) {
        return new ConfigException("server.port", "cannot listen on " + where + ": permission denied");
      }
      if (t instanceof SocketException) {
        return new ConfigException("server.host", "cannot listen on " + where + ": "
            + (message.isEmpty() ? "refused by the system" : message));
      }
    }
    return failure;
  }
}
