package io.cameraservice.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.rpc.RpcException;
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
      RpcException busy = (RpcException) refused.cause();
      assertThat(busy.error().code().code()).isEqualTo(-32040);
      assertThat(busy.error().reason()).isEqualTo("server_busy");
      assertThat(busy.error().data().getString("scope")).isEqualTo("queue:test");
      assertThat(busy.error().data().getInteger("limit")).isEqualTo(1);
      assertThat(busy.error().data().getLong("retry_after_ms")).isPositive();
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
