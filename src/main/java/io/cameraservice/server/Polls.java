package io.cameraservice.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** Waiting for a condition without blocking a thread: re-checks it on a timer. */
public final class Polls {

  private static final long INTERVAL_MS = 20;

  private Polls() {}

  /** Completes with true once {@code condition} holds, or with false when {@code timeoutMillis} have passed. */
  public static Future<Boolean> until(Vertx vertx, BooleanSupplier condition, long timeoutMillis) {
    Promise<Boolean> done = Promise.promise();
    check(vertx, condition, System.currentTimeMillis() + timeoutMillis, done);
    return done.future();
  }

  private static void check(Vertx vertx, BooleanSupplier condition, long deadline, Promise<Boolean> done) {
    if (condition.getAsBoolean()) {
      done.complete(true);
    } else if (System.currentTimeMillis() >= deadline) {
      done.complete(false);
    } else {
      vertx.setTimer(INTERVAL_MS, id -> check(vertx, condition, deadline, done));
    }
  }
}
