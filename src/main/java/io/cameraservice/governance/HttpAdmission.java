package io.cameraservice.governance;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.auth.Session;
import io.cameraservice.governance.alerts.LoadShedder;
import io.cameraservice.rpc.RpcError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;

/**
 * The limits of the JSON-RPC methods, applied to plain HTTP work (downloads, snapshots, live views): load shedding
 * first, then the client's token bucket for the work's class. A client is the authenticated user or API key, or the
 * address for signed links. Refusals answer 503 (shedding) or 429 with {@code Retry-After} and the -32040 data.
 */
public final class HttpAdmission {

  private static final Duration IDLE_CLIENT = Duration.ofMinutes(5);

  private final RateLimiter limiter;
  private final LoadShedder shedder;
  private final MeterRegistry registry;

  public HttpAdmission(RateLimiter limiter, LoadShedder shedder, MeterRegistry registry) {
    this.limiter = limiter;
    this.shedder = shedder;
    this.registry = registry;
  }

  /** Who is asking: the session's user or key, else (signed links) the address. */
  public static String client(Session session, SocketAddress address) {
    if (session == null) {
      return "address:" + address.hostAddress();
    }
    return session.apiKeyId() != null ? "key:" + session.apiKeyId() : "user:" + session.userId();
  }

  /** Null when the work may proceed, otherwise the refusal (already counted). */
  public RpcError check(String client, RateClass rateClass, String operation) {
    Failure refusal = shedder.refusal(rateClass);
    if (refusal == null) {
      refusal = limiter.tryAcquire(client, rateClass, operation);
    }
    if (refusal == null) {
      return null;
    }
    Counter.builder("http_rejections").tag("scope", String.valueOf(refusal.detail("scope")))
        .description("HTTP requests refused by a rate limit or load shedding").register(registry).increment();
    return RpcError.of(refusal);
  }

  /** 503 while shedding load, 429 for a rate limit. */
  public static int status(RpcError refusal) {
    return "overloaded".equals(refusal.reason()) ? 503 : 429;
  }

  /** Answers a refusal: its status, {@code Retry-After} in whole seconds, and the error object as JSON. */
  public static void refuse(HttpServerResponse response, RpcError refusal) {
    response.setStatusCode(status(refusal))
        .putHeader("Retry-After", Long.toString(retryAfterSeconds(refusal)))
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", refusal.toJson()).encode());
  }

  public static long retryAfterSeconds(RpcError refusal) {
    return Math.max(1, (refusal.data().getLong("retry_after_ms") + 999) / 1000);
  }

  /** Forgets clients that have not been seen for a while; call periodically. */
  public void forgetIdleClients() {
    limiter.forgetIdle(IDLE_CLIENT);
  }
}
