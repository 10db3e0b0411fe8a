package io.cameraservice.governance;

import io.cameraservice.domain.Failure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of threads with a bounded queue for blocking work (file system, database, child processes). When the
 * queue is full the work is refused at once as busy ({@code server_busy}, -32040) instead of piling up. Results come
 * back on the Vert.x context that submitted the work, so handlers never see a foreign thread.
 */
public final class WorkPool implements AutoCloseable {

  private final String name;
  private final int capacity;
  private final ThreadPoolExecutor executor;
  private final AtomicInteger running = new AtomicInteger();
  /** Exponentially weighted mean task time, for a useful retry_after_ms. */
  private volatile double meanTaskNanos = 1_000_000;

  public WorkPool(String name, int threads, int capacity) {
    this.name = name;
    this.capacity = capacity;
    AtomicInteger counter = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(capacity), r -> {
          Thread t = new Thread(r, "cs-" + name + "-" + counter.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** Runs {@code task} on this pool; the future completes on the caller's Vert.x context when there is one. */
  public <T> Future<T> submit(Callable<T> task) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        long started = System.nanoTime();
        running.incrementAndGet();
        T value = null;
        Throwable failure = null;
        try {
          value = task.call();
        } catch (Throwable t) {
          failure = t;
        } finally {
          running.decrementAndGet();
          meanTaskNanos = meanTaskNanos * 0.9 + (System.nanoTime() - started) * 0.1;
        }
        complete(context, promise, value, failure);
      });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(busy());
    }
    return promise.future();
  }

  /** The refusal answered when the queue is full or the pool is closed. */
  private Failure busy() {
    long retryMs = Math.max(10, (long) (queued() * meanTaskNanos / executor.getCorePoolSize() / 1_000_000));
    return Failure.busy("server_busy", retryMs, capacity, "queue:" + name);
  }

  public int queued() {
    return executor.getQueue().size();
  }

  public int active() {
    return running.get();
  }

  public int capacity() {
    return capacity;
  }

  public int threads() {
    return executor.getCorePoolSize();
  }

  private static <T> void complete(Context context, Promise<T> promise, T value, Throwable failure) {
    if (context == null) {
      finish(promise, value, failure);
    } else {
      context.runOnContext(v -> finish(promise, value, failure));
    }
  }

  private static <T> void finish(Promise<T> promise, T value, Throwable failure) {
    if (failure == null) {
      promise.complete(value);
    } else {
      promise.fail(failure);
    }
  }

  /** Stops taking work and waits up to {@code timeoutMillis} for running work to end. */
  public void close(long timeoutMillis) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(5_000);
  }
}
