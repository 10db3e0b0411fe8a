package io.cameraservice.system;

import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.server.HttpFailures;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.NotificationSpec;
import io.cameraservice.rpc.OpenRpcDocument;
import io.cameraservice.server.RouteContributor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The published method reference, read from the method declarations: the OpenRPC document, answered by the
 * JSON-RPC method {@code rpc.discover} and by {@code GET /api/openrpc.json}, both open to any authenticated role.
 * Register it after every other method: the document is made once, at the first request, from what is registered.
 */
public final class ApiReference implements RouteContributor {

  public static final String PATH = "/api/openrpc.json";
  private static final String TITLE = "Camera Service";

  private final MethodRegistry methods;
  private final String version;
  private final List<NotificationSpec> notifications;
  private final HttpAuthenticator auth;
  /** Made at the first request (every method is registered by then); racing first requests make equal copies. */
  private volatile Published published;

  private record Published(JsonObject document, Buffer encoded) {}

  public ApiReference(MethodRegistry methods, String version, List<NotificationSpec> notifications,
      HttpAuthenticator auth) {
    this.methods = methods;
    this.version = version;
    this.notifications = List.copyOf(notifications);
    this.auth = auth;
  }

  /** Registers {@code rpc.discover}, the JSON-RPC way to read the document (OpenRPC's service discovery method). */
  public void registerInto(MethodRegistry registry) {
    registry.register(MethodSpec.method("rpc.discover", Access.VIEWER, RateClass.STATUS)
        .summary("Answers the OpenRPC document of this service: every method with its role, rate class, "
            + "parameters, result and errors, and the notifications with their topics.")
        .returns("the OpenRPC document (the same as GET " + PATH + ")", new JsonObject().put("type", "object")
            .put("required", new JsonArray(List.of("openrpc", "info", "methods"))))
        .handledBy(call -> Future.succeededFuture(published().document())));
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    if (!HttpAuthenticator.hasCredentials(ctx.request())) {
      HttpFailures.write(ctx.response(), HttpFailures.noCredential());
      return;
    }
    auth.authenticate(ctx.request()).onComplete(result -> {
      if (result.failed()) {
        HttpFailures.write(ctx.response(), HttpFailures.refusedCredential(result.cause()));
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(published().encoded());
      }
    });
  }

  private Published published() {
    Published p = published;
    if (p == null) {
      JsonObject document = OpenRpcDocument.of(TITLE, version, methods.all(), notifications);
      p = new Published(document, document.toBuffer());
      published = p;
    }
    return p;
  }
}
