package io.cameraservice.governance.resources;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The heap in use, judged on what is live. "Used" counts garbage too, and an idle service never collects it: after
 * a flood of large messages the heap stayed near full for minutes and kept load shedding on, although a collection
 * would have freed nearly all of it. So when the heap reads high (at least half its budget) and the JVM has not
 * collected for {@link #QUIET}, the reading asks for one collection first and reports what is left. A busy heap is
 * collected by the JVM on its own and is never collected here; a quiet one costs at most one collection per
 * {@link #QUIET}. With {@code -XX:+DisableExplicitGC} the request does nothing and the reading is the plain one.
 */
final class LiveHeap {

  /** Longest a high reading may rest on garbage; shedding for the heap clears within this plus one sample. */
  static final Duration QUIET = Duration.ofSeconds(30);
  /** Below this share of the budget the garbage cannot make an alert, so no collection is asked for. */
  static final double SUSPECT_SHARE = 0.5;

  /** What this reading needs of the JVM: a seam so that a test can stage "full of garbage" exactly. */
  interface Heap {
    long usedBytes();

    /** Collections so far, of every collector. */
    long collections();

    void collect();
  }

  private final Heap heap;
  private final LongSupplier nanoTime;
  private long seenCollections = -1;
  private long lastCollectionNanos;

  LiveHeap(Heap heap, LongSupplier nanoTime) {
    this.heap = heap;
    this.nanoTime = nanoTime;
  }

  static LiveHeap ofThisJvm() {
    return new LiveHeap(new JvmHeap(), System::nanoTime);
  }

  /** The heap in use, after a collection when the reading is high and may be garbage. */
  synchronized long usedBytes(long budgetBytes) {
    long now = nanoTime.getAsLong();
    long collections = heap.collections();
    if (collections != seenCollections) {
      seenCollections = collections;
      lastCollectionNanos = now;
    }
    long used = heap.usedBytes();
    if (budgetBytes > 0 && used >= budgetBytes * SUSPECT_SHARE && now - lastCollectionNanos >= QUIET.toNanos()) {
      heap.collect();
      lastCollectionNanos = now;
      seenCollections = heap.collections();
      used = heap.usedBytes();
    }
    return used;
  }

  static final class JvmHeap implements Heap {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    @Override
    public long usedBytes() {
      return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public long collections() {
      return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    @Override
    public void collect() {
      // The one place the service asks for a collection: see the class comment for why and how rarely.
      System.gc();
    }
  }
}
