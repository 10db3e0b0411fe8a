package io.cameraservice.events;

import io.cameraservice.auth.Session;

/** A client that can receive notifications (a WebSocket connection). */
public interface EventSubscriber {

  String id();

  /** The current session; notifications go only to live sessions. */
  Session session();

  /**
   * Queues a notification frame without waiting. Answers false when the client is too far behind and the frame was
   * dropped (the client can re-sync with the status methods).
   */
  boolean deliver(String frame);
}
