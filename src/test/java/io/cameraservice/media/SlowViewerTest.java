package io.cameraservice.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A viewer whose socket is full skips to the next keyframe and costs the others nothing. The socket is a stand-in
 * here: how much a real TCP connection buffers before it reports full depends on the kernel, which would make the
 * test slow and its outcome arbitrary; the real sockets are exercised in {@link LiveStreamTest}.
 */
class SlowViewerTest {

  private static final InitSegment INIT = new InitSegment(Buffer.buffer("init"), 15360, 320, 240, "avc1.42c015", 0);

  @Test
  void fullViewerSkipsToTheNextKeyframeWhileOthersGetEverything() {
    LiveFeed feed = new LiveFeed(1 << 20);
    feed.init(INIT);
    Output slow = new Output();
    Output fast = new Output();
    long[] counted = new long[2];
    feed.attach(new Fmp4Viewer(slow, (bytes, frames) -> counted[0] += frames));
    feed.attach(new Fmp4Viewer(fast, (bytes, frames) -> counted[1] += frames));

    long t = 0;
    for (int i = 0; i < 30; i++) {
      slow.full = i >= 7 && i <= 12; // full for a while in the first GOP, clear again before the second
      feed.fragment(fragment(t, i % 15 == 0), i);
      t += 1024;
    }

    assertThat(fast.fragments()).hasSize(30);
    assertThat(counted[1]).isEqualTo(30);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i < 7 || i >= 15) {
        expected.add(i * 1024L);
      }
    }
    assertThat(slow.fragments()).as("the first GOP up to where it filled, then nothing until the keyframe at 15")
        .containsExactlyElementsOf(expected);
    assertThat(counted[0]).isEqualTo(expected.size());
    assertThat(slow.writes.get(0)).isEqualTo(INIT.bytes());
  }

  @Test
  void viewerJoiningMidGopStartsAtItsKeyframe() {
    LiveFeed feed = new LiveFeed(1 << 20);
    feed.init(INIT);
    for (int i = 0; i < 20; i++) {
      feed.fragment(fragment(i * 1024L, i % 15 == 0), i);
    }
    Output late = new Output();
    feed.attach(new Fmp4Viewer(late, (bytes, frames) -> { }));
    assertThat(late.fragments()).first().isEqualTo(15 * 1024L);
    assertThat(late.fragments()).hasSize(5);
  }

  private static Fragment fragment(long baseTime, boolean keyframe) {
    return new Fragment(Buffer.buffer().appendLong(baseTime), keyframe, baseTime, 1024, 1, -1, true);
  }

  /** Records what a viewer was sent; {@code full} plays a socket that cannot take more. */
  private static final class Output implements ViewerOutput {
    final List<Buffer> writes = new ArrayList<>();
    boolean full;

    @Override
    public boolean full() {
      return full;
    }

    @Override
    public void write(Buffer data) {
      writes.add(data);
    }

    @Override
    public void close() {}

    List<Long> fragments() {
      return writes.stream().skip(1).map(b -> b.getLong(0)).toList();
    }
  }
}
