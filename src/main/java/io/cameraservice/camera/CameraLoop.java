package io.cameraservice.camera;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * The one Vert.x context on which all camera and media state changes: the registry, pipelines, recordings and
 * viewers are touched only here, so they need no locks and their events leave in the order things happened. Other
 * threads hand work over with {@link #run} or {@link #call}.
 */
public final class CameraLoop {

  private final Vertx vertx;
  private final Context context;

  public CameraLoop(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  public Vertx vertx() {
    return vertx;
  }

  private boolean isCurrent() {
    return Vertx.currentContext() == context;
  }

  public void run(Runnable task) {
    if (isCurrent()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /**
   * Runs {@code task} on the loop; the returned future completes on the caller's context (or the loop when the
   * caller has none), so request handlers never continue on a foreign thread.
   */
  public <T> Future<T> call(Callable<Future<T>> task) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    run(() -> {
      Future<T> result;
      try {
        result = task.call();
      } catch (Exception e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(done -> {
        if (caller == null || caller == context) {
          promise.handle(done);
        } else {
          caller.runOnContext(v -> promise.handle(done));
        }
      });
    });
    return promise.future();
  }

  /** A one-shot timer whose handler runs on the loop. */
  public long timer(long delayMs, Runnable task) {
    return vertx.setTimer(Math.max(1, delayMs), id -> run(task));
  }

  public long periodic(long intervalMs, Runnable task) {
    return vertx.setPeriodic(intervalMs, id -> run(task));
  }

  public void cancel(long timerId) {
    vertx.cancelTimer(timerId);
  }
}
