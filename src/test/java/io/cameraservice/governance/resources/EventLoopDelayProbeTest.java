package io.cameraservice.governance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A held event loop shows up as delay on that loop. */
class EventLoopDelayProbeTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void blockingALoopIsMeasuredOnThatLoop() throws Exception {
    EventLoopDelayProbe probe = new EventLoopDelayProbe(20);
    probe.deploy(vertx, 2).await(10, TimeUnit.SECONDS);
    Map<String, Double> first = probe.takeWorstSeconds();
    assertThat(first.keySet()).containsExactlyInAnyOrder("vert.x-eventloop-thread-0", "vert.x-eventloop-thread-1");

    AtomicReference<String> held = new AtomicReference<>("");
    vertx.getOrCreateContext().runOnContext(v -> {
      held.set(Thread.currentThread().getName());
      holdFor(300);
    });
    // The stimulus: the loop is held 300 ms, so its 20 ms timer fires at least 280 ms late.
    double worst = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (worst < 0.25 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      worst = Math.max(worst, probe.takeWorstSeconds().getOrDefault(held.get(), 0.0));
    }
    assertThat(worst).isGreaterThanOrEqualTo(0.25);
  }

  private static void holdFor(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
