package io.cameraservice.governance;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that samples resources and evaluates alert rules, off the event loops. Periodic tasks run with a
 * fixed delay, so a slow sample postpones the next one instead of queueing more; everything runs in order, so the
 * alert state needs no locks.
 */
public final class GovernanceThread implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GovernanceThread.class);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cs-governance");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code task} now and then every {@code period}; a failure is logged and the next run happens anyway. */
  public void every(Duration period, String what, Runnable task) {
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("{} failed", what, e);
      }
    }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} once, in order with the periodic tasks. */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(task.call());
        } catch (Exception | Error e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
