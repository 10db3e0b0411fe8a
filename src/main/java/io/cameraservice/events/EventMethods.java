package io.cameraservice.events;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.Session;
import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodError;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code subscribe_events}, {@code unsubscribe_events} and {@code get_subscription_stats}. */
public final class EventMethods {

  private static final String CAMERA_ID = "^camera[0-9]+$";

  private final EventHub hub;

  public EventMethods(EventHub hub) {
    this.hub = hub;
  }

  public void registerInto(MethodRegistry registry) {
    registry.register(MethodSpec.method("subscribe_events", Access.VIEWER, RateClass.STATUS)
        .summary("Subscribes the socket to notification topics; subscriptions add up.")
        .params(Param.stringList("topics").required().check(EventMethods::nonEmpty)
                .about("topic names, group patterns such as camera.* or * for all"),
            Param.object("filters").about("{device}: only events of this camera; replaces the previous filter"))
        .returns("{subscribed: true, topics (the concrete topics), filters}")
        .errors(MethodError.invalidParams("unknown_topic"),
            MethodError.permissionDenied("insufficient_role"))
        .handledBy(this::subscribe));
    registry.register(MethodSpec.method("unsubscribe_events", Access.VIEWER, RateClass.STATUS)
        .summary("Removes topics from the socket's subscriptions (all of them without topics).")
        .params(Param.stringList("topics").about("topic names or patterns to remove; absent or empty = all"))
        .returns("{unsubscribed: true, topics (the topics actually removed)}")
        .errors(MethodError.invalidParams("unknown_topic"))
        .handledBy(this::unsubscribe));
    registry.register(MethodSpec.method("get_subscription_stats", Access.VIEWER, RateClass.STATUS)
        .summary("Reports subscription counts for the service and the socket's own topics.")
        .returns("{global_stats: {total_subscriptions, active_clients, topic_counts}, client_topics, client_id}")
        .handledBy(this::stats));
  }

  private Future<JsonObject> subscribe(Call call) {
    Set<String> topics = expandAll(call.params().strings("topics"));
    Role role = Session.of(call.caller()).role();
    for (String topic : topics) {
      if (!role.atLeast(Role.ADMIN) && Topics.ADMIN_ONLY.contains(topic)) {
        return Future.failedFuture(Failure.forbidden(Role.ADMIN.wireName(), role.wireName()).with("topic", topic));
      }
    }
    JsonObject filters = call.params().object("filters");
    String device = null;
    if (filters != null) {
      for (String key : filters.fieldNames()) {
        if (!key.equals("device")) {
          return invalidFilter("filters." + key, "unknown filter (known: device)");
        }
      }
      Object value = filters.getValue("device");
      if (value != null && !(value instanceof String && ((String) value).matches(CAMERA_ID))) {
        return invalidFilter("filters.device", "must match " + CAMERA_ID);
      }
      device = (String) value;
    }
    hub.subscribe(call.connection().id(), topics, device);
    return Future.succeededFuture(new JsonObject()
        .put("subscribed", true)
        .put("topics", new JsonArray(List.copyOf(topics)))
        .put("filters", device == null ? new JsonObject() : new JsonObject().put("device", device)));
  }

  private Future<JsonObject> unsubscribe(Call call) {
    List<String> requested = call.params().strings("topics");
    Set<String> removed = hub.unsubscribe(call.connection().id(),
        requested == null || requested.isEmpty() ? null : expandAll(requested));
    return Future.succeededFuture(new JsonObject()
        .put("unsubscribed", true)
        .put("topics", new JsonArray(List.copyOf(removed))));
  }

  private Future<JsonObject> stats(Call call) {
    EventHub.Stats stats = hub.stats();
    return Future.succeededFuture(new JsonObject()
        .put("global_stats", new JsonObject()
            .put("total_subscriptions", stats.totalSubscriptions())
            .put("active_clients", stats.activeClients())
            .put("topic_counts", new JsonObject(new java.util.LinkedHashMap<>(stats.topicCounts()))))
        .put("client_topics", new JsonArray(hub.topicsOf(call.connection().id())))
        .put("client_id", call.connection().id()));
  }

  private static Set<String> expandAll(List<String> names) {
    Set<String> topics = new LinkedHashSet<>();
    for (String name : names) {
      Set<String> expanded = Topics.expand(name);
      if (expanded.isEmpty()) {
        throw Failure.invalidInput("unknown_topic", "topics",
            "each must be one of " + String.join(", ", Topics.ALL) + " or a group pattern such as camera.*")
            .with("topic", name);
      }
      topics.addAll(expanded);
    }
    return topics;
  }

  private static String nonEmpty(Object list) {
    return ((List<?>) list).isEmpty() ? "must name at least one topic" : null;
  }

  private static <T> Future<T> invalidFilter(String param, String rule) {
    return Future.failedFuture(Failure.invalidInput("invalid_value", param, rule));
  }
}
