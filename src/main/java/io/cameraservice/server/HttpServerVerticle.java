package io.cameraservice.server;

import io.cameraservice.config.ServerSettings;
import io.cameraservice.events.EventHub;
import io.cameraservice.rpc.RpcDispatcher;
import io.cameraservice.server.tls.TlsReloader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's HTTP server: {@code /ws} for JSON-RPC and the routes features contribute. One instance is
 * deployed per event loop; they share the port, so connections spread across the loops.
 */
final class HttpServerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);
  static final String WS_PATH = "/ws";
  private static final int FORBIDDEN = 403;

  private final ServerSettings settings;
  private final int port;
  private final RpcDispatcher dispatcher;
  private final EventHub events;
  private final ConnectionRegistry connections;
  private final ConnectionGate gate;
  private final List<RouteContributor> routes;
  private final List<Consumer<String>> closeListeners;
  private final long slowConsumerGraceMillis;
  private final HttpConnections httpConnections;
  private final TlsReloader tls;
  private final UnauthenticatedSockets unauthenticated;
  private final AllowedOrigins origins;
  private HttpServer server;
  private Runnable stopReloads = () -> {};

  HttpServerVerticle(ServerSettings settings, int port, RpcDispatcher dispatcher, EventHub events,
      ConnectionRegistry connections, ConnectionGate gate, List<RouteContributor> routes,
      List<Consumer<String>> closeListeners, long slowConsumerGraceMillis, HttpConnections httpConnections,
      UnauthenticatedSockets unauthenticated, TlsReloader tls) {
    this.unauthenticated = unauthenticated;
    this.settings = settings;
    this.port = port;
    this.dispatcher = dispatcher;
    this.events = events;
    this.connections = connections;
    this.gate = gate;
    this.routes = routes;
    this.closeListeners = closeListeners;
    this.slowConsumerGraceMillis = slowConsumerGraceMillis;
    this.httpConnections = httpConnections;
    this.tls = tls;
    this.origins = new AllowedOrigins(settings.allowedOrigins());
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.host())
        .setPort(port)
        .setTcpNoDelay(true)
        // No h2c upgrades: clients of this service speak HTTP/1.1 (WebSocket, downloads, scrapes), and a large
        // response on an upgraded stream was seen to stall.
        .setHttp2ClearTextEnabled(false)
        .setMaxWebSocketFrameSize(settings.maxFrameBytes())
        .setMaxWebSocketMessageSize(settings.maxFrameBytes())
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setPerMessageWebSocketCompressionSupported(settings.websocketCompression())
        .setPerFrameWebSocketCompressionSupported(settings.websocketCompression())
        .setRegisterWebSocketWriteHandlers(false);
    if (settings.socketSendBufferBytes() > 0) {
      // A fixed send buffer instead of the kernel's autotuned one (up to tcp_wmem's maximum, 4 MiB): that absorbed
      // the answers of clients that never read, so their write queue never filled and they were never paused.
      options.setSendBufferSize(settings.socketSendBufferBytes());
    }
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls.options().getKeyCertOptions());
      // A new pair applies to new connections; open ones keep the certificate they were made with.
      stopReloads = tls.onReload(ssl -> server.updateSSLOptions(ssl, true));
    }
    Router router = Router.router(vertx);
    router.route().handler(new CrossOrigin(origins)::handle);
    router.get(WS_PATH).handler(ctx -> ctx.response().setStatusCode(426).putHeader("Upgrade", "websocket")
        .end("WebSocket upgrade required"));
    routes.forEach(r -> r.mount(router));
    server = vertx.createHttpServer(options)
        .connectionHandler(c -> httpConnections.opened(vertx, c))
        .requestHandler(request -> {
          httpConnections.headArrived(request.remoteAddress());
          router.handle(request);
        })
        .webSocketHandshakeHandler(this::handshake)
        .webSocketHandler(this::open);
    return server.listen();
  }

  @Override
  public Future<?> stop() throws Exception {
    stopReloads.run();
    return super.stop();
  }

  private void handshake(ServerWebSocketHandshake handshake) {
    httpConnections.headArrived(handshake.remoteAddress());
    String origin = handshake.headers().get("Origin");
    if (!origins.allows(origin, handshake.scheme(), handshake.authority())) {
      // A page of another site in a visitor's browser: refused before the upgrade, whatever the endpoint.
      LOG.debug("WebSocket upgrade of {} from {} refused: origin {} not in server.allowed_origins", handshake.path(),
          handshake.remoteAddress().hostAddress(), origin);
      connections.originRejections.increment();
      handshake.reject(FORBIDDEN);
      return;
    }
    if (!WS_PATH.equals(handshake.path())) {
      WebSocketEndpoint endpoint = endpointFor(handshake.path());
      if (endpoint == null) {
        handshake.reject(404);
      } else {
        endpoint.handshake(handshake);
      }
      return;
    }
    String address = handshake.remoteAddress().hostAddress();
    int refusal = gate.admit(address);
    if (refusal != 0) {
      handshake.reject(refusal);
      return;
    }
    handshake.accept().onFailure(e -> gate.release(address));
  }

  private WebSocketEndpoint endpointFor(String path) {
    for (RouteContributor contributor : routes) {
      for (WebSocketEndpoint endpoint : contributor.webSockets()) {
        if (endpoint.handles(path)) {
          return endpoint;
        }
      }
    }
    return null;
  }

  private void open(ServerWebSocket socket) {
    if (!WS_PATH.equals(socket.path())) {
      WebSocketEndpoint endpoint = endpointFor(socket.path());
      if (endpoint != null) {
        endpoint.open(socket);
      } else {
        socket.close();
      }
      return;
    }
    String address = socket.remoteAddress().hostAddress();
    socket.setWriteQueueMaxSize(settings.outboundBufferBytes());
    WsConnection connection = new WsConnection(connections.nextId(), socket, address, context, connections,
        slowConsumerGraceMillis, unauthenticated, gate);
    connection.awaitAuthentication(settings.authTimeoutSeconds() * 1000L);
    UnauthenticatedInput.install(socket, settings.unauthenticatedMessageBytes(), () -> connection.session() != null);
    connections.add(connection);
    events.attach(connection);
    InboundMessages.install(socket, settings.maxMessageBytes(),
        text -> connection.handling(dispatcher.dispatch(connection, text)),
        () -> dispatcher.rejectBinaryFrame(connection));
    socket.exceptionHandler(e -> LOG.debug("socket {} failed: {}", connection.id(), e.toString()));
    socket.closeHandler(v -> {
      connection.leaveUnauthenticatedBudget();
      connections.remove(connection);
      events.detach(connection.id());
      closeListeners.forEach(l -> l.accept(connection.id()));
      connection.leaveConnectionCaps();
    });
  }
}
