package io.cameraservice.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.SharedService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SubscriptionTest {

  @RegisterExtension
  static final SharedService SHARED = new SharedService();

  private static void publish(String topic, String device, int sequence) {
    SHARED.get().events().publish(new Event(topic, device, "camera_status_update",
        new JsonObject().put("device", device).put("seq", sequence)));
  }

  private static JsonObject subscribe(RpcClient client, JsonObject params) {
    return client.call("subscribe_events", params);
  }

  @Test
  void notificationsReachSubscribedSocketsOnlyAndInOrder() {
    try (RpcClient subscribed = SHARED.get().connect(Role.VIEWER); RpcClient unsubscribed = SHARED.get().connect(Role.VIEWER)) {
      unsubscribed.result("unsubscribe_events", new JsonObject());
      for (int i = 0; i < 500; i++) {
        publish(Topics.CAMERA_CONNECTED, "camera0", i);
      }
      for (int i = 0; i < 500; i++) {
        JsonObject n = subscribed.awaitNotification(f -> true);
        assertThat(n.getString("method")).isEqualTo("camera_status_update");
        assertThat(n.getJsonObject("params").getInteger("seq")).isEqualTo(i);
      }
      assertThat(unsubscribed.silentFor(Duration.ofMillis(300))).isTrue();
    }
  }

  @Test
  void unauthenticatedSocketsReceiveNothing() {
    try (RpcClient anonymous = SHARED.get().connect()) {
      publish(Topics.CAMERA_CONNECTED, "camera0", 1);
      assertThat(anonymous.silentFor(Duration.ofMillis(300))).isTrue();
    }
  }

  @Test
  void subscribeExpandsPatternsAndAppliesTheDeviceFilter() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      client.result("unsubscribe_events", null);
      JsonObject result = client.result("subscribe_events", new JsonObject()
          .put("topics", new JsonArray().add("snapshot.taken").add("camera.*"))
          .put("filters", new JsonObject().put("device", "camera1")));
      assertThat(result.getBoolean("subscribed")).isTrue();
      assertThat(result.getJsonArray("topics").getList()).containsExactlyInAnyOrder("snapshot.taken",
          "camera.connected", "camera.disconnected", "camera.status_change");
      assertThat(result.getJsonObject("filters").getString("device")).isEqualTo("camera1");
      publish(Topics.CAMERA_STATUS_CHANGE, "camera0", 1);
      publish(Topics.CAMERA_STATUS_CHANGE, "camera1", 2);
      assertThat(client.awaitNotification(n -> true).getJsonObject("params").getInteger("seq")).isEqualTo(2);
    }
  }

  @Test
  void unsubscribeRemovesTopicsAndStatsCountThem() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      JsonObject removed = client.result("unsubscribe_events", new JsonObject()
          .put("topics", new JsonArray().add("recording.*")));
      assertThat(removed.getBoolean("unsubscribed")).isTrue();
      assertThat(removed.getJsonArray("topics").getList()).containsExactlyInAnyOrder("recording.start",
          "recording.stop", "recording.error");
      JsonObject stats = client.result("get_subscription_stats", null);
      assertThat(stats.getJsonArray("client_topics").getList()).containsExactlyInAnyOrder("camera.connected",
          "camera.disconnected", "camera.status_change", "system.health");
      JsonObject global = stats.getJsonObject("global_stats");
      assertThat(global.getInteger("active_clients")).isGreaterThanOrEqualTo(1);
      assertThat(global.getInteger("total_subscriptions")).isGreaterThanOrEqualTo(4);
      assertThat(global.getJsonObject("topic_counts").getInteger("system.health")).isGreaterThanOrEqualTo(1);
      assertThat(stats.getString("client_id")).isNotBlank();
      JsonObject all = client.result("unsubscribe_events", null);
      assertThat(all.getJsonArray("topics")).hasSize(4);
      assertThat(client.result("get_subscription_stats", null).getJsonArray("client_topics")).isEmpty();
    }
  }

  @Test
  void unknownTopicsAndFiltersAreInvalidParams() {
    try (RpcClient client = SHARED.get().connect(Role.VIEWER)) {
      JsonObject error = subscribe(client, new JsonObject().put("topics", new JsonArray().add("camera.exploded")))
          .getJsonObject("error");
      assertThat(error.getInteger("code")).isEqualTo(-32602);
      assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("unknown_topic");
      assertThat(error.getJsonObject("data").getString("param")).isEqualTo("topics");
      assertThat(error.getJsonObject("data").getString("rule")).isNotBlank();

      JsonObject empty = subscribe(client, new JsonObject().put("topics", new JsonArray())).getJsonObject("error");
      assertThat(empty.getJsonObject("data").getString("rule")).isEqualTo("must name at least one topic");

      JsonObject badFilter = subscribe(client, new JsonObject().put("topics", new JsonArray().add("camera.*"))
          .put("filters", new JsonObject().put("device", "/dev/video0"))).getJsonObject("error");
      assertThat(badFilter.getJsonObject("data").getString("param")).isEqualTo("filters.device");

      JsonObject unknownFilter = subscribe(client, new JsonObject().put("topics", new JsonArray().add("camera.*"))
          .put("filters", new JsonObject().put("colour", "red"))).getJsonObject("error");
      assertThat(unknownFilter.getJsonObject("data").getString("param")).isEqualTo("filters.colour");
    }
  }

  @Test
  void alertsAreForAdminsOnly() {
    try (RpcClient viewer = SHARED.get().connect(Role.VIEWER); RpcClient admin = SHARED.get().connect(Role.ADMIN)) {
      JsonObject refused = subscribe(viewer, new JsonObject().put("topics", new JsonArray().add("system.alert")))
          .getJsonObject("error");
      assertThat(refused.getInteger("code")).isEqualTo(-32002);
      assertThat(refused.getJsonObject("data").getString("required_role")).isEqualTo("admin");
      admin.result("subscribe_events", new JsonObject().put("topics", new JsonArray().add("system.alert")));
      SHARED.get().events().publish(new Event(Topics.SYSTEM_ALERT, null, "system_alert",
          new JsonObject().put("alert", "cpu")));
      assertThat(admin.awaitNotification(n -> n.getString("method").equals("system_alert"))
          .getJsonObject("params").getString("alert")).isEqualTo("cpu");
    }
  }
}
