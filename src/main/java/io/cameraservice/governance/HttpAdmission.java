package io.cameraservice.governance;

import io.cameraservice.auth.Session;
import io.cameraservice.governance.alerts.LoadShedder;
import io.cameraservice.rpc.RpcError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The limits of the JSON-RPC methods, applied to plain HTTP work (downloads, snapshots, live media): load shedding
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
  public static String client(Session session, HttpServerRequest request) {
    if (session == null) {
      return "address:" + request.remoteAddress().hostAddress();
    }
    return session.apiKeyId() != null ? "key:" + session.apiKeyId() : "user:" + session.userId();
  }

  /** True when the work may proceed; otherwise the response has been sent. */
  public boolean admit(RoutingContext ctx, String client, RateClass rateClass, String operation) {
    RpcError refusal = shedder.refusal(rateClass);
    if (refusal == null) {
      refusal = limiter.tryAcquire(client, rateClass, operation);
    }
    if (refusal == null) {
      return true;
    }
    JsonObject data = refusal.data();
    Counter.builder("http_rejections").tag("scope", data.getString("scope"))
        .description("HTTP requests refused by a rate limit or load shedding").register(registry).increment();
    long retrySeconds = Math.max(1, (data.getLong("retry_after_ms") + 999) / 1000);
    ctx.response().setStatusCode("overloaded".equals(refusal.reason()) ? 503 : 429)
        .putHeader("Retry-After", Long.toString(retrySeconds))
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", refusal.toJson()).encode());
    return false;
  }

  /** Forgets clients that have not been seen for a while; call periodically. */
  public void forgetIdleClients() {
    limiter.forgetIdle(IDLE_CLIENT);
  }
}
