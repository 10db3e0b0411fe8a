package io.cameraservice.events;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.Session;
import io.cameraservice.rpc.RpcMessages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The service's internal event bus: features publish {@link Event}s, the hub encodes each once and hands it to every
 * subscriber whose topics and device filter match and whose session is live. Delivery never waits; what a subscriber
 * too far behind does with a frame is its own business (the WebSocket transport drops and counts it).
 */
public final class EventHub {

  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final MeterRegistry registry;
  private volatile Predicate<Session> live;

  public EventHub(Clock clock, MeterRegistry registry) {
    this.clock = clock;
    this.registry = registry;
    this.live = session -> !session.isExpired(clock.instant());
    registry.gauge("event_subscribers", subscriptions, Map::size);
  }

  /**
   * What makes a session live for delivery: the same rule the calls obey (e.g. an API key revoked since it signed
   * in ends its socket's notifications too). Until set, only expiry.
   */
  public void deliverToSessionsThat(Predicate<Session> live) {
    this.live = live;
  }

  private static final class Subscription {
    final EventSubscriber subscriber;
    volatile Set<String> topics = Set.of();
    volatile String device;

    Subscription(EventSubscriber subscriber) {
      this.subscriber = subscriber;
    }
  }

  public void attach(EventSubscriber subscriber) {
    subscriptions.put(subscriber.id(), new Subscription(subscriber));
  }

  public void detach(String subscriberId) {
    subscriptions.remove(subscriberId);
  }

  public void subscribeDefaults(String subscriberId) {
    subscribe(subscriberId, Topics.DEFAULTS, null);
  }

  /** Adds topics (already expanded) and sets the device filter (null: all devices); answers the topics now held. */
  public Set<String> subscribe(String subscriberId, Collection<String> topics, String device) {
    Subscription s = subscriptions.get(subscriberId);
    if (s == null) {
      return Set.of();
    }
    synchronized (s) {
      Set<String> next = new LinkedHashSet<>(s.topics);
      next.addAll(topics);
      s.topics = Set.copyOf(next);
      s.device = device;
      return s.topics;
    }
  }

  /** Removes the given topics, or all when {@code topics} is null; answers the topics removed. */
  public Set<String> unsubscribe(String subscriberId, Collection<String> topics) {
    Subscription s = subscriptions.get(subscriberId);
    if (s == null) {
      return Set.of();
    }
    synchronized (s) {
      Set<String> removed = new LinkedHashSet<>(s.topics);
      if (topics != null) {
        removed.retainAll(topics);
      }
      Set<String> next = new LinkedHashSet<>(s.topics);
      next.removeAll(removed);
      s.topics = Set.copyOf(next);
      return removed;
    }
  }

  public List<String> topicsOf(String subscriberId) {
    Subscription s = subscriptions.get(subscriberId);
    return s == null ? List.of() : Topics.ALL.stream().filter(s.topics::contains).toList();
  }

  /** Totals over all clients: subscriptions (client-topic pairs), clients with at least one, count per topic. */
  public Stats stats() {
    Map<String, Integer> perTopic = new TreeMap<>();
    int total = 0;
    int active = 0;
    for (Subscription s : subscriptions.values()) {
      Set<String> topics = s.topics;
      if (!topics.isEmpty()) {
        active++;
        total += topics.size();
        topics.forEach(t -> perTopic.merge(t, 1, Integer::sum));
      }
    }
    return new Stats(total, active, perTopic);
  }

  public record Stats(int totalSubscriptions, int activeClients, Map<String, Integer> topicCounts) {}

  public void publish(Event event) {
    registry.counter("events_published_total", "topic", event.topic()).increment();
    String frame = null;
    boolean adminOnly = Topics.ADMIN_ONLY.contains(event.topic());
    for (Subscription s : subscriptions.values()) {
      if (!wants(s, event, adminOnly)) {
        continue;
      }
      if (frame == null) {
        frame = RpcMessages.notification(event.method(), event.params());
      }
      s.subscriber.deliver(frame);
    }
  }

  private boolean wants(Subscription s, Event event, boolean adminOnly) {
    if (!s.topics.contains(event.topic())) {
      return false;
    }
    String device = s.device;
    if (device != null && event.device() != null && !device.equals(event.device())) {
      return false;
    }
    Session session = s.subscriber.session();
    if (session == null || !live.test(session)) {
      return false;
    }
    return !adminOnly || session.role().atLeast(Role.ADMIN);
  }
}
