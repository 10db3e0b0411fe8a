package io.cameraservice.governance;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.CallGate;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.RpcConnection;

/**
 * Every call spends a token of its session's bucket for the method's class (or its own method bucket). Runs first,
 * before authentication, so that a flood costs the service as little as possible; each member of a batch counts.
 */
public final class RateLimitGate implements CallGate {

  private final RateLimiter limiter;

  public RateLimitGate(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public Failure check(RpcConnection connection, String method, MethodSpec spec) {
    return limiter.tryAcquire(connection.id(), spec == null ? RateClass.STATUS : spec.rateClass(), method);
  }
}
