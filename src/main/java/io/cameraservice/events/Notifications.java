package io.cameraservice.events;

import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.NotificationSpec;
import java.util.List;

/** The notifications the service pushes (contract section 6 and docs/api.md), for the published reference. */
public final class Notifications {

  public static final List<NotificationSpec> ALL = List.of(
      new NotificationSpec("camera_status_update",
          List.of(Topics.CAMERA_CONNECTED, Topics.CAMERA_DISCONNECTED, Topics.CAMERA_STATUS_CHANGE), Access.VIEWER,
          "A camera appeared, went away or changed state.", "a full Camera object, as get_camera_list lists it"),
      new NotificationSpec("recording_status_update",
          List.of(Topics.RECORDING_START, Topics.RECORDING_STOP, Topics.RECORDING_ERROR), Access.VIEWER,
          "A recording started, stopped or failed.",
          "{device, status: STARTING|RECORDING|STOPPED|ERROR, filename, duration}"),
      new NotificationSpec("snapshot_taken", List.of(Topics.SNAPSHOT_TAKEN), Access.VIEWER,
          "A snapshot was saved.", "{device, filename, file_size, timestamp}"),
      new NotificationSpec("system_health_update", List.of(Topics.SYSTEM_HEALTH), Access.VIEWER,
          "The service's health changed (named by the contract; this version does not send it yet).",
          "the get_status result"),
      new NotificationSpec("system_alert", List.of(Topics.SYSTEM_ALERT), Access.ADMIN,
          "A resource or disk alert was raised or resolved.",
          "{alert, severity: warning|critical|resolved, value, threshold, message, timestamp}"),
      new NotificationSpec("system_startup", List.of(Topics.SYSTEM_STARTUP), Access.VIEWER,
          "The service has started and accepts connections.", "{version, port}"),
      new NotificationSpec("system_shutdown", List.of(Topics.SYSTEM_SHUTDOWN), Access.VIEWER,
          "A graceful stop has begun.", "{}"));

  private Notifications() {}
}
