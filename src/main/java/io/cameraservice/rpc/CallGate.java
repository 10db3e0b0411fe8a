package io.cameraservice.rpc;

import io.cameraservice.domain.Failure;

/**
 * A check every call passes before its parameters are validated and its handler runs (authentication, roles, rate
 * limits, load shedding). Gates run in the order they were given to the dispatcher; the first refusal answers.
 */
@FunctionalInterface
public interface CallGate {

  /**
   * @param spec the method, or null when no method has this name (a gate may still refuse first, e.g. so that
   *     unauthenticated callers cannot probe which methods exist)
   * @return null to admit the call, otherwise the failure to answer
   */
  Failure check(RpcConnection connection, String method, MethodSpec spec);
}
