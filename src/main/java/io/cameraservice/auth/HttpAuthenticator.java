package io.cameraservice.auth;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Credentials on plain HTTP requests (downloads, snapshots, metrics): {@code Authorization: Bearer <JWT or key>} or
 * {@code X-API-Key: <key>}. Fails with -32001 ({@code auth_required} when none was given).
 */
public final class HttpAuthenticator {

  private final Authenticator authenticator;
  private final AuthFailureLimiter failures;

  /** Credentials given over HTTP count against the same per-address lockout as {@code authenticate}. */
  public HttpAuthenticator(Authenticator authenticator, AuthFailureLimiter failures) {
    this.authenticator = authenticator;
    this.failures = failures;
  }

  /** True when the request carries any credential (so a failure means 403 rather than 401). */
  public static boolean hasCredentials(HttpServerRequest request) {
    return hasCredentials(request.headers());
  }

  public static boolean hasCredentials(MultiMap headers) {
    return credential(headers) != null;
  }

  /** Fails with -32001, or -32040 {@code auth_locked_out} when the address has used up its failures. */
  public Future<Session> authenticate(HttpServerRequest request) {
    return authenticate(request.headers(), request.remoteAddress());
  }

  /** The same from bare headers (a WebSocket handshake has no request object). */
  public Future<Session> authenticate(MultiMap headers, SocketAddress from) {
    String credential = credential(headers);
    if (credential == null) {
      return Future.failedFuture(Failure.unauthenticated("auth_required"));
    }
    return failures.judge(from.hostAddress(), () -> authenticator.authenticate(credential));
  }

  /** True when a failure is the lockout (answered 429 with {@code Retry-After}) rather than bad credentials. */
  public static boolean isLockout(Throwable failure) {
    return Failure.is(failure, FailureKind.BUSY);
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
