package io.cameraservice.server;

import io.vertx.core.Context;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notifications bound for the sockets of one event loop. A publisher on another thread queues each delivery here,
 * and one task on the loop writes them all: a fan-out to many sockets costs one hand-over per loop, not one per
 * socket. The queue holds at most one entry per socket and event, and every socket bounds its own bytes.
 */
final class NotificationBatch {

  private final Context context;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  NotificationBatch(Context context) {
    this.context = context;
  }

  void add(Runnable write) {
    pending.add(write);
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    scheduled.set(false);
    for (Runnable write = pending.poll(); write != null; write = pending.poll()) {
      write.run();
    }
  }
}
