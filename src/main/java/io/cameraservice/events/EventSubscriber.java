package io.cameraservice.events;

import io.cameraservice.auth.Session;

/** A client that can receive notifications (a WebSocket connection). */
public interface EventSubscriber {

  String id();

  /** The current session; notifications go only to live sessions. */
  Session session();

  /**
   * Queues a notification frame without waiting; may be called from any thread. A subscriber too far behind drops
   * the frame (and counts it): the client can re-sync with the status methods.
   */
  void deliver(String frame);
}
