package io.cameraservice.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Open WebSocket connections across all event loops: for the connection gauge and for closing them on shutdown. */
final class ConnectionRegistry {

  private final Map<String, WsConnection> open = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<io.vertx.core.Context, NotificationBatch> batches = new ConcurrentHashMap<>();
  final Timer notificationDelivery;
  final Counter notificationsDropped;
  final Counter slowConsumersClosed;
  final Counter authTimeouts;
  final Counter originRejections;

  ConnectionRegistry(MeterRegistry registry) {
    registry.gauge("ws_connections_open", open, Map::size);
    notificationDelivery = Timer.builder("notification_delivery")
        .description("From publishing a notification to writing it to a client's socket")
        .publishPercentileHistogram()
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(java.time.Duration.ofNanos(10_000))
        .maximumExpectedValue(java.time.Duration.ofSeconds(5))
        .register(registry);
    notificationsDropped = Counter.builder("notifications_dropped")
        .description("Notifications dropped because the client's outbound buffer was over its bound")
        .register(registry);
    slowConsumersClosed = Counter.builder("slow_consumer_disconnects")
        .description("Sockets whose TCP connection was reset because they did not read their answers within the grace period")
        .register(registry);
    authTimeouts = Counter.builder("auth_timeout_disconnects")
        .description("Sockets closed with 1008 because they did not authenticate within server.auth_timeout_seconds")
        .register(registry);
    originRejections = Counter.builder("websocket_origin_rejections")
        .description("WebSocket upgrades refused with 403 because their Origin is not in server.allowed_origins")
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

  /** Open connections per event loop: a service with several loops should see them spread evenly. */
  Map<String, Integer> perEventLoop() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    open.values().forEach(c -> counts.merge(c.eventLoop(), 1, Integer::sum));
    return counts;
  }

  /** The notification batch of an event loop, shared by all its sockets. */
  NotificationBatch batchFor(io.vertx.core.Context context) {
    return batches.computeIfAbsent(context, NotificationBatch::new);
  }

  Collection<WsConnection> all() {
    return open.values();
  }
}
