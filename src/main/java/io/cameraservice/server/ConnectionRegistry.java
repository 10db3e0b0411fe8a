package io.cameraservice.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Open WebSocket connections across all event loops: for the connection gauge and for closing them on shutdown. */
final class ConnectionRegistry {

  private final Map<String, WsConnection> open = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  final Counter notificationsDelivered;
  final Counter notificationsDropped;

  ConnectionRegistry(MeterRegistry registry) {
    registry.gauge("ws_connections_open", open, Map::size);
    notificationsDelivered = Counter.builder("notifications_delivered_total")
        .description("Notifications written to client sockets").register(registry);
    notificationsDropped = Counter.builder("notifications_dropped_total")
        .description("Notifications dropped because the client's outbound buffer was over its bound")
        .register(registry);
  }

  String nextId() {
    return "client-" + sequence.incrementAndGet();
  }

  void add(WsConnection connection) {
    open.put(connection.id(), connection);
  }

  void remove(WsConnection connection) {
    open.remove(connection.id());
  }

  int size() {
    return open.size();
  }

  Collection<WsConnection> all() {
    return open.values();
  }
}
