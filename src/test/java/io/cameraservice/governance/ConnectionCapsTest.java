package io.cameraservice.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.http.UpgradeRejectedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionCapsTest {

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.startingNow();

  private static int refusal(Supplier<RpcClient> connect) {
    try {
      connect.get().close();
      return 0;
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof UpgradeRejectedException)) {
        cause = cause.getCause();
      }
      assertThat(cause).as("refused by the server, not a network error").isNotNull();
      return ((UpgradeRejectedException) cause).getStatus();
    }
  }

  private static void closeAll(List<RpcClient> clients) {
    clients.forEach(RpcClient::close);
  }

  @Test
  void beyondTheGlobalCapUpgradesAreRefusedWith503() throws InterruptedException {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/limits").put("max_connections", 3),
        clock)) {
      List<RpcClient> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          open.add(service.connect());
        }
        assertThat(refusal(service::connect)).isEqualTo(503);
        open.remove(0).close();
        // The slot is free once the server has seen the close.
        assertThat(Poll.until(() -> refusal(service::connect), status -> status == 0, Duration.ofSeconds(5)))
            .isZero();
      } finally {
        closeAll(open);
      }
    }
  }

  @Test
  void beyondThePerAddressCapUpgradesAreRefusedWith503() {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/limits")
        .put("max_connections_per_address", 2), clock)) {
      List<RpcClient> open = new ArrayList<>();
      try {
        open.add(service.connect());
        open.add(service.connect());
        assertThat(refusal(service::connect)).isEqualTo(503);
      } finally {
        closeAll(open);
      }
    }
  }

  @Test
  void tooManyNewConnectionsPerSecondAreRefusedWith429() {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/limits")
        .withObject("/new_connections_per_address").put("per_second", 1).put("burst", 3), clock)) {
      for (int i = 0; i < 3; i++) {
        assertThat(refusal(service::connect)).isZero();
      }
      assertThat(refusal(service::connect)).isEqualTo(429);
      clock.advance(Duration.ofSeconds(1));
      assertThat(refusal(service::connect)).isZero();
    }
  }
}
