package io.cameraservice.governance.resources;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How late the event loops run their work: on each loop a timer re-arms itself every period and records how much
 * later than due it fired. Anything that holds a loop (blocking calls, long handlers, a saturated CPU) shows up as
 * lateness. Each reading returns the worst lateness per loop since the previous reading.
 */
public final class EventLoopDelayProbe {

  private final long periodMs;
  private final Map<String, AtomicLong> worstNanos = new ConcurrentHashMap<>();

  public EventLoopDelayProbe(long periodMs) {
    this.periodMs = periodMs;
  }

  /**
   * Deploys one probe per event loop. Vert.x hands the instances of one deployment to the loops in turn, so
   * {@code loops} instances cover every loop; should two share one, its loop is still measured (once).
   */
  public Future<String> deploy(Vertx vertx, int loops) {
    return vertx.deployVerticle(Probe::new, new DeploymentOptions().setInstances(loops));
  }

  /** Per loop (its thread name), the worst lateness in seconds since the previous call; resets the readings. */
  public Map<String, Double> takeWorstSeconds() {
    Map<String, Double> out = new HashMap<>();
    worstNanos.forEach((loop, worst) -> out.put(loop, worst.getAndSet(0) / 1e9));
    return out;
  }

  private final class Probe extends VerticleBase {

    private AtomicLong worst;

    @Override
    public Future<?> start() {
      worst = worstNanos.computeIfAbsent(Thread.currentThread().getName(), name -> new AtomicLong());
      arm();
      return Future.succeededFuture();
    }

    private void arm() {
      long due = System.nanoTime() + periodMs * 1_000_000;
      vertx.setTimer(periodMs, id -> {
        long late = Math.max(0, System.nanoTime() - due);
        worst.accumulateAndGet(late, Math::max);
        arm();
      });
    }
  }
}
