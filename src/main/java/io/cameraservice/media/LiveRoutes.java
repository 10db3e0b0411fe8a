package io.cameraservice.media;

import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.auth.DownloadSigner;
import io.cameraservice.auth.Session;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.ErrorCode;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.rpc.RpcException;
import io.cameraservice.server.RouteContributor;
import io.cameraservice.server.WebSocketEndpoint;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live media routes, all served from the camera's one pipeline:
 * {@code GET /live/{camera}.mp4} (fragmented MP4 over HTTP), {@code /live/{camera}.ws} (WebSocket for Media Source
 * Extensions), {@code GET /live/{camera}.mjpeg} (MJPEG), {@code GET /snapshot/{camera}.jpg} (a fresh JPEG) and
 * {@code GET /live/player.html} (a small browser player). Credentials: {@code Authorization: Bearer}, {@code
 * X-API-Key}, or the signed query ({@code expires}, {@code sig}) of the camera's stream URLs; 401 without, 403 when
 * wrong or expired. Opening a view or taking a snapshot is control-class work for rate limits and load shedding.
 */
public final class LiveRoutes implements RouteContributor, WebSocketEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
  private static final Pattern WS_PATH = Pattern.compile("^/live/(camera[0-9]+)\\.ws$");

  private final MediaService media;
  private final StreamLinks links;
  private final HttpAuthenticator auth;
  private final HttpAdmission admission;
  private final int queueBytes;
  private final Buffer player;

  public LiveRoutes(MediaService media, StreamLinks links, HttpAuthenticator auth, HttpAdmission admission,
      int queueBytes) {
    this.media = media;
    this.links = links;
    this.auth = auth;
    this.admission = admission;
    this.queueBytes = queueBytes;
    this.player = resource("/web/player.html");
  }

  @Override
  public void mount(Router router) {
    router.get("/live/player.html").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache").putHeader("Content-Security-Policy",
            "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; media-src blob:; "
                + "connect-src 'self' ws: wss:")
        .end(player));
    router.getWithRegex("/live/(camera[0-9]+)\\.mp4").handler(ctx -> watch(ctx, false));
    router.getWithRegex("/live/(camera[0-9]+)\\.mjpeg").handler(ctx -> watch(ctx, true));
    router.getWithRegex("/snapshot/(camera[0-9]+)\\.jpg").handler(this::snapshot);
  }

  @Override
  public List<WebSocketEndpoint> webSockets() {
    return List.of(this);
  }

  private void watch(RoutingContext ctx, boolean mjpeg) {
    String camera = ctx.pathParam("param0");
    HttpServerResponse response = ctx.response();
    Departure departure = new Departure();
    response.closeHandler(v -> departure.gone());
    response.endHandler(v -> departure.gone());
    admit(camera, ctx.request().headers(), ctx.request().query(), ctx.request().remoteAddress(), "live")
        .compose(v -> {
      HttpViewerOutput output = new HttpViewerOutput(response, queueBytes);
      response.putHeader("Cache-Control", "no-store").putHeader("Content-Type", mjpeg
          ? "multipart/x-mixed-replace; boundary=" + MjpegViewer.BOUNDARY : "video/mp4");
      return media.watch(camera, output, mjpeg);
    }).onSuccess(departure::attached).onFailure(e -> fail(response, e));
  }

  private void snapshot(RoutingContext ctx) {
    String camera = ctx.pathParam("param0");
    String q = ctx.request().getParam("quality");
    Integer quality;
    try {
      quality = q == null ? null : Integer.valueOf(q);
    } catch (NumberFormatException e) {
      quality = -1;
    }
    if (quality != null && (quality < 1 || quality > 100)) {
      ctx.response().setStatusCode(400).end("quality must be an integer from 1 to 100");
      return;
    }
    Integer chosen = quality;
    admit(camera, ctx.request().headers(), ctx.request().query(), ctx.request().remoteAddress(), "snapshot")
        .compose(v -> media.snapshotImage(camera, chosen))
        .onSuccess(jpeg -> ctx.response().putHeader("Content-Type", "image/jpeg")
            .putHeader("Cache-Control", "no-store").end(jpeg))
        .onFailure(e -> fail(ctx.response(), e));
  }

  @Override
  public boolean handles(String path) {
    return WS_PATH.matcher(path).matches();
  }

  @Override
  public void handshake(ServerWebSocketHandshake handshake) {
    Matcher m = WS_PATH.matcher(handshake.path());
    if (!m.matches()) {
      handshake.reject(404);
      return;
    }
    admit(m.group(1), handshake.headers(), handshake.query(), handshake.remoteAddress(), "live")
        .onSuccess(v -> handshake.accept())
        .onFailure(e -> handshake.reject(status(e)));
  }

  @Override
  public void open(ServerWebSocket socket) {
    Matcher m = WS_PATH.matcher(socket.path());
    if (!m.matches()) {
      socket.close();
      return;
    }
    socket.binaryMessageHandler(b -> { });
    socket.textMessageHandler(t -> { });
    Departure departure = new Departure();
    socket.closeHandler(v -> departure.gone());
    media.watch(m.group(1), new WebSocketViewerOutput(socket, queueBytes), false)
        .onSuccess(departure::attached)
        .onFailure(e -> {
          if (!socket.isClosed()) {
            socket.close((short) (status(e) == 503 ? 1013 : 1011), reason(e));
          }
        });
  }

  /**
   * Authorizes, then applies the client's control-class rate limit and load shedding (camera work, like
   * take_snapshot and start_streaming). Fails with an exception {@link #status} maps to 401/403/404/429/503.
   */
  private Future<Void> admit(String camera, MultiMap headers, String query, SocketAddress address,
      String operation) {
    return authorize(camera, headers, query, address).compose(session -> {
      RpcError refusal = admission.check(HttpAdmission.client(session, address), RateClass.CONTROL, operation);
      return refusal == null ? Future.succeededFuture() : Future.failedFuture(refusal.exception());
    });
  }

  /**
   * Signed query first (browsers), then headers. The session of header credentials, null for a valid signature;
   * fails with an exception {@link #status} maps to 401/403/404.
   */
  private Future<Session> authorize(String camera, MultiMap headers, String query, SocketAddress address) {
    if (!media.exists(camera)) {
      return Future.failedFuture(RpcError.notFound("camera", camera).exception());
    }
    Map<String, List<String>> params = new QueryStringDecoder(query == null ? "" : query, false).parameters();
    String expires = first(params, DownloadSigner.EXPIRES);
    String sig = first(params, DownloadSigner.SIGNATURE);
    if (expires != null || sig != null) {
      DownloadSigner.Verdict verdict = links.verify(camera, expires, sig);
      return verdict == DownloadSigner.Verdict.VALID ? Future.succeededFuture(null)
          : Future.failedFuture(new Refused(403, "signature " + verdict.name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (!HttpAuthenticator.hasCredentials(headers)) {
      return Future.failedFuture(new Refused(401, "credentials required"));
    }
    // Every role may watch (viewer is the lowest); a valid session is enough.
    return auth.authenticate(headers, address).recover(e -> Future.failedFuture(
        HttpAuthenticator.isLockout(e) ? e : new Refused(403, "invalid credentials")));
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void fail(HttpServerResponse response, Throwable cause) {
    // auth and the work pools fail with domain failures; this route still branches on the wire error
    Throwable e = cause instanceof Failure f ? RpcError.of(f).exception() : cause;
    if (response.ended() || response.closed()) {
      return;
    }
    int status = status(e);
    if (status == 500) {
      LOG.warn("live route failed", e);
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (e instanceof RpcException r && r.error().code() == ErrorCode.RATE_LIMITED) {
      HttpAdmission.refuse(response, r.error());
      return;
    }
    if (status == 503) {
      response.putHeader("Retry-After", "2");
    }
    response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(reason(e));
  }

  private static int status(Throwable e) {
    if (e instanceof Refused r) {
      return r.status;
    }
    if (e instanceof RpcException r) {
      ErrorCode code = r.error().code();
      return switch (code) {
        case NOT_FOUND -> 404;
        case RATE_LIMITED -> HttpAdmission.status(r.error());
        case DEPENDENCY_FAILED -> 503;
        case AUTHENTICATION_FAILED -> 401;
        default -> 500;
      };
    }
    return 500;
  }

  private static String reason(Throwable e) {
    if (e instanceof RpcException r) {
      String detail = r.error().data().getString("detail");
      return r.error().reason() + (detail == null ? "" : ": " + detail);
    }
    return e instanceof Refused ? e.getMessage() : "internal error";
  }

  private static Buffer resource(String name) {
    try (InputStream in = LiveRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Detaches a viewer when its client leaves, whether that happens before or after it was attached. */
  private static final class Departure {
    private Runnable detach;
    private boolean gone;

    synchronized void attached(Runnable handle) {
      if (gone) {
        handle.run();
      } else {
        detach = handle;
      }
    }

    synchronized void gone() {
      gone = true;
      if (detach != null) {
        detach.run();
        detach = null;
      }
    }
  }

  /** An HTTP refusal before anything is streamed. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
