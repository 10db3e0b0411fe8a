package io.cameraservice.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.vertx.core.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkPoolTest {

  @Test
  void aFullQueueRefusesAtOnceWithServerBusy() throws Exception {
    try (WorkPool pool = new WorkPool("test", 1, 1)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      Future<String> running = pool.submit(() -> {
        started.countDown();
        release.await(10, TimeUnit.SECONDS);
        return "first";
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      Future<String> queued = pool.submit(() -> "second");
      Future<String> refused = pool.submit(() -> "third");
      assertThat(refused.failed()).isTrue();
      Failure busy = (Failure) refused.cause();
      assertThat(busy.kind()).isEqualTo(FailureKind.BUSY);
      assertThat(busy.reason()).isEqualTo("server_busy");
      assertThat(busy.detail("scope")).isEqualTo("queue:test");
      assertThat(busy.detail("limit")).isEqualTo(1);
      assertThat(busy.retryAfterMs(-1)).isPositive();
      assertThat(pool.queued()).isEqualTo(1);
      release.countDown();
      assertThat(running.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(queued.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("second");
    }
  }

  @Test
  void aFailingTaskFailsItsFuture() throws Exception {
    try (WorkPool pool = new WorkPool("test", 1, 4)) {
      Future<String> failing = pool.submit(() -> {
        throw new IllegalStateException("disk on fire");
      });
      assertThat(failing.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS))
          .hasMessage("disk on fire");
    }
  }
}
