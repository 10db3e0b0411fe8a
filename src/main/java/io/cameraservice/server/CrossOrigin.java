package io.cameraservice.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the HTTP routes, with the same list as the WebSocket upgrades ({@link AllowedOrigins}): a page of an
 * allowed origin may read the answers (its {@code Origin} is echoed in {@code Access-Control-Allow-Origin}); for any
 * other origin no CORS header is sent, so the browser keeps the answer from the page. Credentials travel in headers
 * ({@code Authorization}, {@code X-API-Key}) or signed URLs, never cookies, so {@code Access-Control-Allow-Credentials}
 * is never sent. Preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) are answered here: 204 with
 * what the routes use for an allowed origin, 403 for any other.
 */
final class CrossOrigin {

  private static final String ORIGIN = "Origin";
  private static final String METHODS = "GET, HEAD, OPTIONS";
  private static final String REQUEST_HEADERS = "Authorization, X-API-Key, Range, If-Range";
  private static final String EXPOSED_HEADERS = "Content-Range, Content-Length, Accept-Ranges, Content-Disposition, "
      + "ETag, Retry-After";
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

  private final AllowedOrigins origins;

  CrossOrigin(AllowedOrigins origins) {
    this.origins = origins;
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    MultiMap headers = ctx.response().headers();
    // Whether CORS headers are sent depends on Origin: caches must not hand one origin's answer to another.
    headers.add("Vary", ORIGIN);
    String origin = request.getHeader(ORIGIN);
    boolean allowed = origin != null && origins.allows(origin, request.scheme(), request.authority());
    boolean preflight = request.method() == HttpMethod.OPTIONS && origin != null
        && request.getHeader("Access-Control-Request-Method") != null;
    if (preflight && !allowed) {
      ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("origin not allowed (server.allowed_origins)");
      return;
    }
    if (allowed) {
      headers.set("Access-Control-Allow-Origin", origin);
    }
    if (preflight) {
      headers.set("Access-Control-Allow-Methods", METHODS)
          .set("Access-Control-Allow-Headers", REQUEST_HEADERS)
          .set("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
      ctx.response().setStatusCode(204).end();
      return;
    }
    if (allowed) {
      headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
    ctx.next();
  }
}
