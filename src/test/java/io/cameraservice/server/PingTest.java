package io.cameraservice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PingTest {
  @TempDir
  Path dir;

  @Test
  void pingAnswersPong() {
    try (TestService service = TestService.start(dir); RpcClient client = service.connect()) {
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }
}
