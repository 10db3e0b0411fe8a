package io.cameraservice.governance.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The heap reading behind the {@code heap} rule and its load shedding (issue 9 item 2): a heap full of garbage that a
 * collection would clear must not keep shedding on after the pressure has gone.
 */
class LiveHeapTest {

  private static final long MIB = 1L << 20;
  private static final long BUDGET = 1024 * MIB;

  /** A heap full of garbage that no one collects, as left after the 15 MiB-message flood. */
  private static final class GarbageHeap implements LiveHeap.Heap {
    long used = 1000 * MIB;
    long live = 11 * MIB;
    long collections = 7;
    int requested;

    @Override
    public long usedBytes() {
      return used;
    }

    @Override
    public long collections() {
      return collections;
    }

    @Override
    public void collect() {
      requested++;
      collections++;
      used = live;
    }
  }

  private final AtomicLong nanos = new AtomicLong();
  private final GarbageHeap heap = new GarbageHeap();
  private final LiveHeap reading = new LiveHeap(heap, nanos::get);

  private void advance(long seconds) {
    nanos.addAndGet(seconds * 1_000_000_000L);
  }

  @Test
  void garbageOfAnIdleHeapIsNotReadAsUseOnceTheQuietPeriodHasPassed() {
    assertEquals(1000 * MIB, reading.usedBytes(BUDGET), "the first reading starts the quiet period");
    advance(LiveHeap.QUIET.toSeconds() - 1);
    assertEquals(1000 * MIB, reading.usedBytes(BUDGET));
    advance(1);
    // Bounded: at most QUIET after the last collection the reading is what is live (95% -> 1%), so the heap rule
    // (critical at 0.95, step down below 0.90) clears at the next evaluation.
    assertEquals(11 * MIB, reading.usedBytes(BUDGET));
    assertEquals(1, heap.requested);
    heap.used = 600 * MIB;
    advance(5);
    assertEquals(600 * MIB, reading.usedBytes(BUDGET), "at most one collection per quiet period");
    assertEquals(1, heap.requested);
  }

  @Test
  void aHeapTheJvmCollectsOnItsOwnIsNeverCollectedHere() {
    for (int i = 0; i < 20; i++) {
      advance(10);
      heap.collections++;
      assertEquals(1000 * MIB, reading.usedBytes(BUDGET), "genuine pressure must still read as pressure");
    }
    assertEquals(0, heap.requested);
  }

  @Test
  void aLowReadingAsksForNoCollection() {
    heap.used = 400 * MIB;
    reading.usedBytes(BUDGET);
    advance(600);
    assertEquals(400 * MIB, reading.usedBytes(BUDGET));
    assertEquals(0, heap.requested);
  }

  @Test
  void onThisJvmGarbageLeftByAFloodIsNotCounted() {
    LiveHeap.JvmHeap jvm = new LiveHeap.JvmHeap();
    LiveHeap real = new LiveHeap(jvm, nanos::get);
    long garbage = 256 * MIB;
    List<byte[]> flood = new ArrayList<>();
    for (long held = 0; held < garbage; held += MIB / 4) {
      flood.add(new byte[(int) (MIB / 4)]);
    }
    long withFlood = jvm.usedBytes();
    flood = null;
    real.usedBytes(withFlood);
    advance(LiveHeap.QUIET.toSeconds());
    long after = real.usedBytes(withFlood);
    assertTrue(after < withFlood - garbage / 2, "read " + after + " bytes of a heap holding " + withFlood
        + " bytes of which " + garbage + " were garbage");
  }
}
