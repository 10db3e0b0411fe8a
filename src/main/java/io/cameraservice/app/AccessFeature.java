package io.cameraservice.app;

import io.cameraservice.auth.ApiKeyStore;
import io.cameraservice.auth.AuthFailureLimiter;
import io.cameraservice.auth.AuthGate;
import io.cameraservice.auth.AuthMethods;
import io.cameraservice.auth.Authenticator;
import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.auth.JwtVerifier;
import io.cameraservice.auth.PermissionMatrix;
import io.cameraservice.auth.TokenMinter;
import io.cameraservice.rpc.CallGate;
import io.cameraservice.rpc.MethodRegistry;
import io.vertx.core.Future;

/** Authentication (JWTs, API keys), sessions and roles; the brute-force lockout. */
final class AccessFeature implements Feature {

  private static final long API_KEY_REFRESH_MS = 2_000;
  private static final int MAX_TRACKED_ADDRESSES = 100_000;

  private final Core core;
  private final ApiKeyStore apiKeys;
  final Authenticator authenticator;
  final HttpAuthenticator http;
  final TokenMinter tokens;
  private final AuthFailureLimiter failures;
  private long refreshTimer = -1;

  AccessFeature(Core core) {
    this.core = core;
    this.apiKeys = new ApiKeyStore(core.config.storage().statePath(), core.clock);
    this.authenticator = new Authenticator(new JwtVerifier(core.vertx, core.secret(),
        core.config.auth().clockSkewSeconds(), core.clock), apiKeys,
        credential -> core.pools.fs().submit(() -> apiKeys.find(credential)), core.clock);
    this.failures = new AuthFailureLimiter(core.config.limits().authFailures().max(),
        core.config.limits().authFailures().windowSeconds() * 1000L, core.clock, MAX_TRACKED_ADDRESSES);
    this.http = new HttpAuthenticator(authenticator, failures);
    this.tokens = new TokenMinter(core.vertx, core.secret(), core.clock);
    core.events.deliverToSessionsThat(authenticator::isLive);
    core.capabilities.feature("jwt_auth").feature("api_keys");
  }

  /** The role check, for the methods registered so far (all of them, once the features have registered). */
  CallGate gate(MethodRegistry methods) {
    return new AuthGate(PermissionMatrix.of(methods.all(), core.config.auth().permissions()), authenticator);
  }

  @Override
  public void registerInto(MethodRegistry methods) {
    new AuthMethods(authenticator, failures, core.clock, connection -> core.events.subscribeDefaults(connection.id()))
        .registerInto(methods);
  }

  @Override
  public Future<Void> start() {
    // Keys created or revoked with the command-line tool take effect within this interval.
    refreshTimer = core.vertx.setPeriodic(API_KEY_REFRESH_MS, id -> core.pools.fs().submit(() -> {
      apiKeys.refresh();
      return null;
    }));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    core.vertx.cancelTimer(refreshTimer);
    return Future.succeededFuture();
  }
}
