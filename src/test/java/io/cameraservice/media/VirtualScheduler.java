package io.cameraservice.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} on virtual time: nothing runs until a test advances it, so timing tests never wait. */
final class VirtualScheduler implements Scheduler {

  private record Task(long id, long dueNanos, long periodNanos, Runnable body) { }

  private final List<Task> tasks = new ArrayList<>();
  private long nowNanos = 1_000_000_000L;
  private long nextId;

  @Override
  public long timer(long delayMs, Runnable task) {
    return add(delayMs, 0, task);
  }

  @Override
  public long periodic(long intervalMs, Runnable task) {
    return add(intervalMs, intervalMs, task);
  }

  private long add(long delayMs, long periodMs, Runnable body) {
    long id = nextId++;
    tasks.add(new Task(id, nowNanos + Math.max(1, delayMs) * 1_000_000L, periodMs * 1_000_000L, body));
    return id;
  }

  @Override
  public void cancel(long timerId) {
    tasks.removeIf(t -> t.id() == timerId);
  }

  @Override
  public long nanoTime() {
    return nowNanos;
  }

  /** Moves time on by {@code ms}, running every task that falls due on the way, in order. */
  void advance(long ms) {
    long target = nowNanos + ms * 1_000_000L;
    while (true) {
      Task next = tasks.stream().filter(t -> t.dueNanos() <= target)
          .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::id)).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next);
      nowNanos = next.dueNanos();
      if (next.periodNanos() > 0) {
        tasks.add(new Task(next.id(), next.dueNanos() + next.periodNanos(), next.periodNanos(), next.body()));
      }
      next.body().run();
    }
    nowNanos = target;
  }
}
