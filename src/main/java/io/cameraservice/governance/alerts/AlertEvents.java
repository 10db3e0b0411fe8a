package io.cameraservice.governance.alerts;

import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.Topics;
import io.cameraservice.governance.AlertNotifications;

/** Announces transitions as {@code system_alert} on {@code system.alert}; the hub delivers it to admins only. */
public final class AlertEvents implements AlertListener {

  private final EventHub events;

  public AlertEvents(EventHub events) {
    this.events = events;
  }

  @Override
  public void onTransition(AlertTransition transition) {
    events.publish(new Event(Topics.SYSTEM_ALERT, null, "system_alert", AlertNotifications.systemAlert(transition)));
  }
}
