package io.cameraservice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildProcessTrackerTest {

  /**
   * The JVM's own environment cannot be changed from a test, so the secret is put into the builder's copy of it:
   * that copy starts as the service's environment, which is where CAMERA_SERVICE_AUTH_JWT_SECRET lives.
   */
  @Test
  void childrenGetOnlyTheAllowListedEnvironment() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sleep", "30");
    builder.environment().put("CAMERA_SERVICE_AUTH_JWT_SECRET", "jwt-s3cret");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "aws-s3cret");
    builder.environment().put("LC_ALL", "C.UTF-8");
    Process child = ChildProcessTracker.start(builder);
    try {
      List<String> environ = Arrays.asList(
          new String(Files.readAllBytes(Path.of("/proc/" + child.pid() + "/environ")), StandardCharsets.UTF_8)
              .split("\0"));
      assertThat(String.join("\n", environ)).doesNotContain("s3cret").doesNotContain("CAMERA_SERVICE_");
      assertThat(environ).anyMatch(e -> e.startsWith("PATH="));
      assertThat(ChildProcessTracker.childEnvironment(java.util.Map.of("LC_TIME", "C", "CAMERA_SERVICE_X", "y",
          "TZ", "UTC", "LD_PRELOAD", "/evil.so"))).containsOnlyKeys("LC_TIME", "TZ");
    } finally {
      ChildProcessTracker.kill(child);
      child.waitFor();
    }
  }
}
