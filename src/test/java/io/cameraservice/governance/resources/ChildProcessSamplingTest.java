package io.cameraservice.governance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ffmpeg, started through a shell so that it is a grandchild of the JVM, shows up in the child figures. */
class ChildProcessSamplingTest {

  @TempDir
  Path dir;

  @Test
  void cpuAndMemoryOfDescendantsAreSampled() throws Exception {
    ProcessSampler sampler = new ProcessSampler(dir, 0);
    ResourceSample before = sampler.sample();
    // "; exit" keeps the shell from exec-ing ffmpeg, so ffmpeg is a grandchild.
    Process shell = new ProcessBuilder("sh", "-c",
        "ffmpeg -nostdin -hide_banner -loglevel error -f lavfi -i testsrc2=size=640x480:rate=60 -t 60 -f null -; exit")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      ResourceSample busy = pollUntil(sampler, s -> s.childProcesses() >= before.childProcesses() + 2
          && s.childCpuCores() > 0.05 && s.childRssBytes() > 1 << 20);
      assertThat(busy.childRssBytes()).isGreaterThan(before.childRssBytes());
      assertThat(busy.serviceRssBytes()).isPositive();
      assertThat(busy.diskTotalBytes()).isPositive();
    } finally {
      shell.descendants().forEach(ProcessHandle::destroy);
      shell.destroy();
      shell.waitFor(10, TimeUnit.SECONDS);
    }
    ResourceSample after = pollUntil(sampler, s -> s.childProcesses() == before.childProcesses());
    assertThat(after.childRssBytes()).isEqualTo(before.childRssBytes());
  }

  /** Samples repeatedly (CPU needs an interval between two readings) until {@code done} holds, for up to 15 s. */
  private static ResourceSample pollUntil(ProcessSampler sampler,
      java.util.function.Predicate<ResourceSample> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    ResourceSample last = null;
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = sampler.sample();
      if (done.test(last)) {
        return last;
      }
    }
    throw new AssertionError("condition not reached; last sample " + last);
  }
}
