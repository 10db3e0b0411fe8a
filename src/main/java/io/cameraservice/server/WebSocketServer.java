package io.cameraservice.server;

import io.cameraservice.config.ServerSettings;
import io.cameraservice.events.EventHub;
import io.cameraservice.rpc.RpcDispatcher;
import io.cameraservice.server.tls.TlsReloader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP/WebSocket front: one {@link HttpServerVerticle} per event loop on a shared port, the registry of open
 * connections, and the shutdown steps (stop accepting, close every socket with 1001).
 */
public final class WebSocketServer {

  private static final int REFUSE_UNAVAILABLE = 503;
  private static final int PORT_ATTEMPTS = 5;

  private final Vertx vertx;
  private final ServerSettings settings;
  private final RpcDispatcher dispatcher;
  private final EventHub events;
  private final ConnectionRegistry connections;
  private final ConnectionGate gate;
  private final HttpConnections httpConnections;
  private final List<RouteContributor> routes;
  private final List<Consumer<String>> closeListeners;
  private final long slowConsumerGraceMillis;
  private final UnauthenticatedSockets unauthenticated;
  private volatile boolean accepting = true;
  private final List<String> deployments = new ArrayList<>();
  private final MeterRegistry registry;
  private TlsReloader tls;

  /**
   * @param closeListeners told the connection id of every socket that closes (e.g. to drop its rate-limit buckets)
   * @param slowConsumerGraceMillis how long a socket over its outbound bound may take to drain before it is closed
   * @param openFilesLimit the process's limit of open files (-1 when unknown), from which the default cap of HTTP
   *     connections is derived
   */
  public WebSocketServer(Vertx vertx, ServerSettings settings, RpcDispatcher dispatcher, EventHub events,
      MeterRegistry registry, ConnectionGate gate, List<RouteContributor> routes,
      List<Consumer<String>> closeListeners, long slowConsumerGraceMillis, long openFilesLimit) {
    this.vertx = vertx;
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.events = events;
    this.registry = registry;
    this.connections = new ConnectionRegistry(registry);
    this.gate = gate;
    this.httpConnections = new HttpConnections(
        settings.effectiveMaxHttpConnections(openFilesLimit),
        settings.maxHttpConnectionsPerAddress(), settings.requestHeaderTimeoutSeconds() * 1000L, registry);
    this.routes = List.copyOf(routes);
    this.closeListeners = List.copyOf(closeListeners);
    this.slowConsumerGraceMillis = slowConsumerGraceMillis;
    this.unauthenticated = new UnauthenticatedSockets(settings.maxUnauthenticatedConnections(),
        settings.maxUnauthenticatedConnectionsPerAddress(), registry);
  }

  /** Deploys the servers; the future holds the port they listen on (the real one when 0 was asked for). */
  public Future<Integer> start() {
    if (!settings.tls().enabled()) {
      return listen();
    }
    return TlsReloader.start(vertx, Path.of(settings.tls().certFile()), Path.of(settings.tls().keyFile()),
        settings.tls().reloadCheckSeconds() * 1000L, registry).compose(reloader -> {
          tls = reloader;
          return listen();
        });
  }

  private Future<Integer> listen() {
    if (settings.port() != 0) {
      return deploy(settings.port());
    }
    return deployOnFreePort(PORT_ATTEMPTS);
  }

  /**
   * Vert.x shares one listening socket only between servers asking for the same port, and each server asking for
   * port 0 gets a port of its own; so a free port is chosen first and every event loop's server binds that one.
   * Another process may take it in between: then another port is tried.
   */
  private Future<Integer> deployOnFreePort(int attemptsLeft) {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(settings.host()))) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return deploy(port).recover(e -> attemptsLeft > 1 && e instanceof BindException
        ? deployOnFreePort(attemptsLeft - 1) : Future.failedFuture(e));
  }

  private Future<Integer> deploy(int port) {
    return vertx.deployVerticle(() -> verticle(port),
        new DeploymentOptions().setInstances(settings.effectiveEventLoops())).map(id -> {
          deployments.add(id);
          return port;
        });
  }

  private HttpServerVerticle verticle(int port) {
    return new HttpServerVerticle(settings, port, dispatcher, events, connections, new ConnectionGate() {
      @Override
      public int admit(String address) {
        return accepting ? gate.admit(address) : REFUSE_UNAVAILABLE;
      }

      @Override
      public void release(String address) {
        gate.release(address);
      }
    }, routes, closeListeners, slowConsumerGraceMillis, httpConnections, unauthenticated, tls);
  }

  public int openConnections() {
    return connections.size();
  }

  public Map<String, Integer> connectionsPerEventLoop() {
    return connections.perEventLoop();
  }

  /** New WebSocket upgrades are refused with 503 from now on. */
  public void stopAccepting() {
    accepting = false;
  }

  /** Closes every open socket with {@code code}; completes when all are closed or after {@code timeoutMillis}. */
  public Future<Void> closeAll(short code, String reason, long timeoutMillis) {
    connections.all().forEach(c -> c.close(code, reason));
    return Polls.until(vertx, () -> connections.size() == 0, timeoutMillis).mapEmpty();
  }

  public Future<Void> undeploy() {
    if (tls != null) {
      tls.stop();
    }
    List<Future<Void>> all = new ArrayList<>();
    deployments.forEach(id -> all.add(vertx.undeploy(id)));
    return Future.all(all).mapEmpty();
  }
}
