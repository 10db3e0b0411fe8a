package io.cameraservice.observability;

import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.rpc.RpcException;
import io.cameraservice.auth.Role;
import io.cameraservice.server.RouteContributor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code GET /metrics}: Prometheus text. Loopback clients may always read it; others need admin credentials unless
 * {@code metrics.open_to_all} says otherwise.
 */
public final class MetricsRoute implements RouteContributor {

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final HttpAuthenticator auth;
  private final boolean openToAll;

  public MetricsRoute(PrometheusMeterRegistry registry, HttpAuthenticator auth, boolean openToAll) {
    this.registry = registry;
    this.auth = auth;
    this.openToAll = openToAll;
  }

  @Override
  public void mount(Router router) {
    router.get("/metrics").handler(this::metrics);
  }

  private void metrics(RoutingContext ctx) {
    if (openToAll || isLoopback(ctx.request().remoteAddress())) {
      scrape(ctx);
      return;
    }
    auth.authenticate(ctx.request()).onComplete(result -> {
      if (result.failed() && HttpAuthenticator.isLockout(result.cause())) {
        HttpAdmission.refuse(ctx.response(), ((RpcException) result.cause()).error());
      } else if (result.failed()) {
        ctx.response().setStatusCode(HttpAuthenticator.hasCredentials(ctx.request()) ? 403 : 401)
            .putHeader("WWW-Authenticate", "Bearer").end();
      } else if (!result.result().role().atLeast(Role.ADMIN)) {
        ctx.response().setStatusCode(403).end();
      } else {
        scrape(ctx);
      }
    });
  }

  private void scrape(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(registry.scrape());
  }

  static boolean isLoopback(SocketAddress address) {
    if (address == null || address.hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
