package io.cameraservice.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * At the open-files limit, counting the open files (which opens /proc/self/fd) fails; that failure once read as
 * "unknown" and the {@code open_files} alert never fired while 20,500 half-open sockets held every descriptor
 * (issue 9 item 3). A JVM of its own, started under a low limit by {@code prlimit}, uses up its descriptors and
 * reads the count: it must read as the limit, which the alert rule sees as ratio 1.0.
 */
class OpenFilesAtTheLimitTest {

  private static final int LIMIT = 256;

  @Test
  void outOfDescriptorsReadsAsTheLimit() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder("prlimit", "--nofile=" + LIMIT + ":" + LIMIT, java, "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), Exhaust.class.getName()).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo("exhausted open_files=" + LIMIT + " limit=" + LIMIT);
  }

  /** The child: opens /dev/null until no descriptor is left, then reads the count. */
  public static final class Exhaust {
    public static void main(String[] args) throws IOException {
      ProcessStats stats = new ProcessStats();
      List<FileInputStream> held = new ArrayList<>();
      try {
        while (true) {
          held.add(new FileInputStream("/dev/null"));
        }
      } catch (IOException e) {
        long count = stats.openFiles();
        long limit = stats.openFilesLimit();
        for (FileInputStream in : held) {
          in.close();
        }
        System.out.println("exhausted open_files=" + count + " limit=" + limit);
      }
    }
  }
}
