package io.cameraservice.observability;

import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.domain.Failure;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.auth.Role;
import io.cameraservice.server.RouteContributor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * {@code GET /metrics}: Prometheus text. Loopback clients may read it without credentials, others need admin
 * credentials unless {@code metrics.open_to_all} says otherwise. A reverse proxy on the same host makes every
 * client look like loopback, so "loopback" here means a direct one: a request naming a proxied client
 * ({@code Forwarded}, {@code X-Forwarded-For}, {@code X-Real-IP}) or a host other than a loopback name or address
 * in {@code Host} needs credentials although it came through loopback.
 */
public final class MetricsRoute implements RouteContributor {

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

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
    if (openToAll || isDirectLoopback(ctx.request())) {
      scrape(ctx);
      return;
    }
    auth.authenticate(ctx.request()).onComplete(result -> {
      if (result.failed() && HttpAuthenticator.isLockout(result.cause())) {
        HttpAdmission.refuse(ctx.response(), RpcError.of((Failure) result.cause()));
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

  private static boolean isDirectLoopback(HttpServerRequest request) {
    MultiMap headers = request.headers();
    if (PROXY_HEADERS.stream().anyMatch(headers::contains)) {
      return false;
    }
    HostAndPort authority = request.authority();
    return (authority == null || isLoopbackName(authority.host())) && isLoopback(request.remoteAddress());
  }

  /** Without a name lookup: a Host naming another machine must not cost a DNS query, nor be trusted after one. */
  private static boolean isLoopbackName(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.matches("127(\\.\\d{1,3}){3}");
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
