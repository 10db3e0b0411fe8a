package io.cameraservice.observability;

import io.cameraservice.rpc.Timestamps;
import io.cameraservice.server.RouteContributor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.LongSupplier;

/** {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /health/detailed}; no credentials. */
public final class HealthRoutes implements RouteContributor {

  private final HealthRegistry health;
  private final String version;
  private final LongSupplier uptimeSeconds;
  private final Clock clock;

  public HealthRoutes(HealthRegistry health, String version, LongSupplier uptimeSeconds, Clock clock) {
    this.health = health;
    this.version = version;
    this.uptimeSeconds = uptimeSeconds;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("alive", true)));
    router.get("/health/ready").handler(this::ready);
    router.get("/health").handler(ctx -> overall(ctx, summary()));
    router.get("/health/detailed").handler(ctx -> {
      JsonObject components = new JsonObject();
      health.states().forEach((name, state) -> components.put(name, new JsonObject().put("state", state.name())));
      String notReady = health.notReadyReason();
      overall(ctx, summary().put("ready", notReady == null).put("message", notReady).put("components", components));
    });
  }

  private void ready(RoutingContext ctx) {
    String reason = health.notReadyReason();
    if (reason == null) {
      json(ctx, 200, new JsonObject().put("ready", true));
    } else {
      json(ctx, 503, new JsonObject().put("ready", false).put("message", reason));
    }
  }

  private JsonObject summary() {
    return new JsonObject()
        .put("status", health.overallStatus())
        .put("timestamp", Timestamps.format(clock.instant()))
        .put("version", version)
        .put("uptime", uptimeSeconds.getAsLong());
  }

  private static void overall(RoutingContext ctx, JsonObject body) {
    json(ctx, "UNHEALTHY".equals(body.getString("status")) ? 503 : 200, body);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
