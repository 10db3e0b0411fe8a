package io.cameraservice.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every TCP connection of the HTTP server, WebSockets included, before any byte of a request is read: at most
 * {@code maxTotal} in all and {@code maxPerAddress} per remote address, and each must deliver its first request head
 * within the header deadline or be closed. Sockets that send half a request and stop once took every file
 * descriptor of the process. When the total cap is reached, the oldest connection still without a request head makes
 * room for the new one, so a real client gets {@code /health} answered during such a flood; when none is waiting,
 * the new connection is closed at once. The total cap stays below the open-files limit (see {@code ServerSettings}),
 * so logging, recordings and the health answer keep descriptors. Shared by every event loop's server.
 */
public final class HttpConnections {

  private final int maxTotal;
  private final int maxPerAddress;
  private final long headerTimeoutMs;
  private final MeterRegistry registry;
  private final AddressCounts counts = new AddressCounts();
  /** Connections still without a request head, oldest first: who makes room at the total cap. Guarded by itself. */
  private final Set<Slot> waiting = new LinkedHashSet<>();
  /** Open connections by their remote host:port, so that a request or a handshake finds its connection's slot. */
  private final Map<String, Slot> byRemote = new ConcurrentHashMap<>();

  public HttpConnections(int maxTotal, int maxPerAddress, long headerTimeoutMs, MeterRegistry registry) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
    this.headerTimeoutMs = headerTimeoutMs;
    this.registry = registry;
    registry.gauge("http_connections", counts, AddressCounts::total);
    registry.gauge("http_connections_limit", this, c -> c.maxTotal);
  }

  /** A new connection (on its event loop): admitted and given its header deadline, or closed at once. */
  void opened(Vertx vertx, HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    AddressCounts.Verdict verdict = counts.acquire(address, maxTotal, maxPerAddress);
    if (verdict == AddressCounts.Verdict.TOTAL_FULL && makeRoom()) {
      verdict = counts.acquire(address, maxTotal, maxPerAddress);
    }
    if (verdict != AddressCounts.Verdict.ADMITTED) {
      refuse(verdict == AddressCounts.Verdict.TOTAL_FULL ? "max_http_connections" : "max_http_connections_per_address");
      connection.close();
      return;
    }
    Slot slot = new Slot(connection, address, remoteKey(connection.remoteAddress()));
    byRemote.put(slot.remote, slot);
    synchronized (waiting) {
      waiting.add(slot);
    }
    slot.timer = vertx.setTimer(headerTimeoutMs, id -> {
      if (stopWaiting(slot)) {
        refuse("request_header_timeout");
        slot.evict();
      }
    });
    whenClosed(connection, () -> {
      slot.free();
      vertx.cancelTimer(slot.timer);
    });
  }

  /**
   * Runs {@code action} once the TCP connection is gone, however it ends. {@link HttpConnection#closeHandler} is not
   * enough: a connection upgraded to a WebSocket is handed to a new Vert.x connection object and the old one's close
   * handler never runs, which leaked one count per WebSocket session until every address was refused. The Netty
   * channel stays the same across the upgrade, so its close future is the one signal that always comes; Vert.x
   * exposes it only on its internal connection class.
   */
  private static void whenClosed(HttpConnection connection, Runnable action) {
    if (connection instanceof ConnectionBase base) {
      base.channel().closeFuture().addListener(f -> action.run());
    } else {
      connection.closeHandler(v -> action.run());
    }
  }

  /** The connection from this remote host:port has delivered a request head (a request or a WebSocket handshake). */
  void headArrived(SocketAddress remote) {
    Slot slot = byRemote.get(remoteKey(remote));
    if (slot != null) {
      stopWaiting(slot);
    }
  }

  /** True when the slot was still waiting for its request head. */
  private boolean stopWaiting(Slot slot) {
    synchronized (waiting) {
      return waiting.remove(slot);
    }
  }

  /** Closes the oldest connection without a request head, giving back its count now rather than when it closes. */
  private boolean makeRoom() {
    Slot oldest;
    synchronized (waiting) {
      Iterator<Slot> first = waiting.iterator();
      if (!first.hasNext()) {
        return false;
      }
      oldest = first.next();
      first.remove();
    }
    refuse("evicted_without_request");
    oldest.evict();
    return true;
  }

  private void refuse(String scope) {
    Counter.builder("http_connection_rejections").tag("scope", scope)
        .description("HTTP connections closed by a connection cap or the request header deadline")
        .register(registry).increment();
  }

  private static String remoteKey(SocketAddress remote) {
    return remote.hostAddress() + ":" + remote.port();
  }

  private final class Slot {
    final HttpConnection connection;
    final String address;
    final String remote;
    final AtomicBoolean counted = new AtomicBoolean(true);
    volatile long timer;

    Slot(HttpConnection connection, String address, String remote) {
      this.connection = connection;
      this.address = address;
      this.remote = remote;
    }

    void evict() {
      free();
      connection.close();
    }

    /** Gives back the count once, whichever of eviction and close comes first. */
    void free() {
      stopWaiting(this);
      if (counted.compareAndSet(true, false)) {
        counts.release(address);
        byRemote.remove(remote, this);
      }
    }
  }
}
