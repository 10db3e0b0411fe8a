package io.cameraservice.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The share of the connection cap open to sockets that have not authenticated yet
 * ({@code server.max_unauthenticated_connections}). Sockets that never authenticate could otherwise hold every slot
 * and keep real clients out; with this budget the rest of {@code limits.max_connections} stays for authenticated
 * sessions, and each unauthenticated socket leaves after {@code server.auth_timeout_seconds}.
 */
final class UnauthenticatedSockets {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  UnauthenticatedSockets(int max) {
    this.max = max;
  }

  /** Takes a slot for a new socket; false when the budget is spent. */
  boolean tryAcquire() {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives the slot back: the socket authenticated or closed. */
  void release() {
    open.decrementAndGet();
  }
}
