package io.cameraservice.auth;

import io.cameraservice.domain.Failure;
import io.cameraservice.rpc.CallGate;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.RpcConnection;

/**
 * Admits a call only with a live session whose role reaches the method's minimum. Unauthenticated callers get
 * -32001 for every method but the open ones, whether the method exists or not, so they learn nothing of the method set.
 */
public final class AuthGate implements CallGate {

  private final PermissionMatrix permissions;
  private final Authenticator authenticator;

  public AuthGate(PermissionMatrix permissions, Authenticator authenticator) {
    this.permissions = permissions;
    this.authenticator = authenticator;
  }

  @Override
  public Failure check(RpcConnection connection, String method, MethodSpec spec) {
    if (spec != null && permissions.isOpen(method)) {
      return null;
    }
    Session session = Session.of(connection.caller());
    if (session == null) {
      return Failure.unauthenticated("auth_required");
    }
    Failure invalid = authenticator.check(session);
    if (invalid != null || (spec == null && !permissions.names(method))) {
      return invalid;
    }
    Role required = permissions.minimumRole(method);
    return session.role().atLeast(required) ? null
        : Failure.forbidden(required.wireName(), session.role().wireName());
  }
}
