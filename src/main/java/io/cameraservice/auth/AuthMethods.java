package io.cameraservice.auth;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodError;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.RpcConnection;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code authenticate}: binds a session to the socket, subject to the per-address failure lockout. */
public final class AuthMethods {

  private static final Logger LOG = LoggerFactory.getLogger(AuthMethods.class);
  /** Lines about refused attempts per minute: a client can cause them at will. */
  private static final int REFUSALS_LOGGED_PER_MINUTE = 20;

  private final Authenticator authenticator;
  private final AuthFailureLimiter failures;
  private final Consumer<RpcConnection> onFirstSession;
  private final ThrottledLog refusals;

  /**
   * @param onFirstSession told when a socket gets its first session (default event subscriptions); a socket that
   *     re-authenticates, e.g. to refresh its token, keeps what it had subscribed to
   */
  public AuthMethods(Authenticator authenticator, AuthFailureLimiter failures, Clock clock,
      Consumer<RpcConnection> onFirstSession) {
    this.authenticator = authenticator;
    this.failures = failures;
    this.onFirstSession = onFirstSession;
    this.refusals = new ThrottledLog(LOG, "failed authentications", REFUSALS_LOGGED_PER_MINUTE,
        Duration.ofMinutes(1), clock);
  }

  public void registerInto(MethodRegistry registry) {
    registry.register(MethodSpec.method("authenticate", Access.OPEN, RateClass.STATUS)
        .summary("Opens (or replaces) the socket's session with a JWT or an API key; works without a session.")
        .params(Param.string("auth_token").required().maxLength(8192)
            .about("a JWT signed with the service's secret (HS256) or an API key (csk_...)"))
        .returns("{authenticated: true, role, permissions, expires_at (null for a key without expiry), session_id}")
        .errors(MethodError.authenticationFailed("invalid_token"), MethodError.authenticationFailed("token_expired"),
            MethodError.authenticationFailed("unknown_api_key"), MethodError.authenticationFailed("revoked"),
            MethodError.rateLimited("auth_locked_out"))
        .handledBy(this::authenticate));
  }

  private Future<JsonObject> authenticate(Call call) {
    RpcConnection connection = call.connection();
    String address = connection.remoteAddress();
    return failures.judge(address, () -> authenticator.authenticate(call.params().string("auth_token")))
        .recover(e -> {
          String reason = e instanceof Failure f ? f.reason() : "invalid_token";
          refusals.info("authentication failed from {}: {}", address, reason);
          return Future.failedFuture(e);
        })
        .map(session -> {
          boolean first = connection.caller() == null;
          connection.caller(session);
          if (first) {
            onFirstSession.accept(connection);
          }
          return new JsonObject()
              .put("authenticated", true)
              .put("role", session.role().wireName())
              .put("permissions", new JsonArray(session.role().permissions()))
              .put("expires_at", Timestamps.format(session.expiresAt()))
              .put("session_id", session.sessionId());
        });
  }
}
