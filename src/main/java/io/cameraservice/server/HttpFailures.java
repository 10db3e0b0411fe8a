package io.cameraservice.server;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.cameraservice.rpc.RpcError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP error writer: every route (downloads, live media, snapshots, metrics) answers a failure here, so a
 * kind means the same status everywhere. The table and why is in docs/api.md ("HTTP errors"). The body is the
 * JSON-RPC error object a WebSocket client would get for the same failure, under {@code error}.
 */
public final class HttpFailures {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFailures.class);

  private HttpFailures() {
  }

  /** A request without any credential: 401 with {@code WWW-Authenticate: Bearer}. */
  public static Failure noCredential() {
    return Failure.unauthenticated("auth_required");
  }

  /**
   * What a credential that was given and refused answers on HTTP: 403 (the routes' documented answer, unlike
   * JSON-RPC's -32001, because the client did authenticate, wrongly), except that a lock-out stays a 429 lock-out.
   */
  public static Failure refusedCredential(Throwable authFailure) {
    Failure failure = failure(authFailure);
    return failure != null && failure.kind() == FailureKind.BUSY ? failure
        : new Failure(FailureKind.FORBIDDEN, "invalid_credentials");
  }

  /** A signed link whose signature is not valid; {@code verdict} says how ({@code invalid}, {@code expired}). */
  public static Failure badSignature(String verdict) {
    return new Failure(FailureKind.FORBIDDEN, "signature_" + verdict);
  }

  /** The HTTP status of a failure; 500 for anything that is not a domain failure (a bug). */
  public static int status(Throwable cause) {
    Failure failure = failure(cause);
    return failure == null ? 500 : status(failure.kind());
  }

  static int status(FailureKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case INVALID_STATE -> 409;
      case BUSY -> 429;
      case UNSUPPORTED -> 501;
      case OVERLOADED, DEPENDENCY_FAILED -> 503;
      case NO_SPACE -> 507;
    };
  }

  /**
   * Answers {@code cause}: its status, {@code Retry-After} (whole seconds, at least 1) when the failure says when to
   * retry, {@code WWW-Authenticate: Bearer} with 401, and the error object. Headers that described the answer it
   * replaces (validators, ranges, disposition) are dropped. Does nothing when the response has already ended.
   */
  public static void write(HttpServerResponse response, Throwable cause) {
    if (response.ended() || response.closed()) {
      return;
    }
    Failure failure = failure(cause);
    if (failure == null) {
      LOG.warn("HTTP route failed", cause);
    }
    int status = failure == null ? 500 : status(failure.kind());
    response.headers().remove(HttpHeaders.ETAG).remove(HttpHeaders.LAST_MODIFIED).remove(HttpHeaders.ACCEPT_RANGES)
        .remove(HttpHeaders.CONTENT_RANGE).remove(HttpHeaders.CONTENT_DISPOSITION);
    if (failure != null && retries(failure.kind())) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(failure)));
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    JsonObject error = failure == null ? RpcError.internal().toJson() : RpcError.of(failure).toJson();
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(new JsonObject().put("error", error).encode());
  }

  /** Only these kinds know when a retry can succeed ({@code retry_after_ms}); for others a number would be made up. */
  private static boolean retries(FailureKind kind) {
    return kind == FailureKind.BUSY || kind == FailureKind.OVERLOADED;
  }

  static long retryAfterSeconds(Failure failure) {
    return Math.max(1, (failure.retryAfterMs(1000) + 999) / 1000);
  }

  /** The domain failure behind {@code cause}, or null for a bug. */
  private static Failure failure(Throwable cause) {
    return cause instanceof Failure f ? f : null;
  }
}
