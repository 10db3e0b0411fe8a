package io.cameraservice.auth;

import io.cameraservice.rpc.RpcError;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * Credentials on plain HTTP requests (downloads, snapshots, metrics): {@code Authorization: Bearer <JWT or key>} or
 * {@code X-API-Key: <key>}. Fails with -32001 ({@code auth_required} when none was given).
 */
public final class HttpAuthenticator {

  private final Authenticator authenticator;

  public HttpAuthenticator(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** True when the request carries any credential (so a failure means 403 rather than 401). */
  public static boolean hasCredentials(HttpServerRequest request) {
    return hasCredentials(request.headers());
  }

  public static boolean hasCredentials(MultiMap headers) {
    return credential(headers) != null;
  }

  public Future<Session> authenticate(HttpServerRequest request) {
    return authenticate(request.headers());
  }

  /** The same from bare headers (a WebSocket handshake has no request object). */
  public Future<Session> authenticate(MultiMap headers) {
    String credential = credential(headers);
    if (credential == null) {
      return Future.failedFuture(RpcError.authenticationFailed("auth_required").exception());
    }
    return authenticator.authenticate(credential);
  }

  private static String credential(MultiMap headers) {
    String header = headers.get("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
      return header.substring(7).trim();
    }
    String key = headers.get("X-API-Key");
    return key == null || key.isBlank() ? null : key.trim();
  }
}
