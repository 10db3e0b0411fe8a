package io.cameraservice.server;

/**
 * Decides whether a WebSocket upgrade may proceed (connection caps, shutdown). Called on the event loop; must be
 * fast. Every admitted connection is released exactly once when it closes.
 */
public interface ConnectionGate {

  /** 0 to accept, otherwise the HTTP status to refuse the upgrade with (e.g. 503). */
  int admit(String address);

  void release(String address);
}
