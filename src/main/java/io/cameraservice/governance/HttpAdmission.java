package io.cameraservice.governance;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.auth.Session;
import io.cameraservice.governance.alerts.LoadShedder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;

/**
 * The limits of the JSON-RPC methods, applied to plain HTTP work (downloads, snapshots, live views): load shedding
 * first, then the client's token bucket for the work's class. A client is the authenticated user or API key, or the
 * address for signed links. The route answers a refusal with {@code server.HttpFailures} (503 while shedding, 429
 * beyond the rate, both with {@code Retry-After} and the -32040 error).
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

  /**
   * Null when the work may proceed, otherwise the refusal (already counted): OVERLOADED while shedding load, BUSY
   * beyond the client's rate. {@code server.HttpFailures} answers it.
   */
  public Failure check(String client, RateClass rateClass, String operation) {
    Failure shed = shedder.refusal(rateClass);
    Failure refusal = shed != null ? shed : limiter.tryAcquire(client, rateClass, operation);
    if (refusal != null) {
      Counter.builder("http_rejections").tag("scope", String.valueOf(refusal.detail("scope")))
          .description("HTTP requests refused by a rate limit or load shedding").register(registry).increment();
    }
    return refusal;
  }

  /** Forgets clients that have not been seen for a while; call periodically. */
  public void forgetIdleClients() {
    limiter.forgetIdle(IDLE_CLIENT);
  }
}
