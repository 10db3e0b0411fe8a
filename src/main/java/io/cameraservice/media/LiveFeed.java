package io.cameraservice.media;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fan-out of one pipeline run: the init segment, the fragments since the last keyframe (bounded by
 * {@code media.buffers.gop_max_bytes}), the latest JPEG, and every consumer. Lives on the camera loop; a new run
 * gets a new feed, and the end of a run ends every consumer.
 */
final class LiveFeed {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveFeed.class);

  private final int gopMaxBytes;
  private final Set<FragmentSink> sinks = new LinkedHashSet<>();
  private final Set<JpegSink> jpegSinks = new LinkedHashSet<>();
  private final List<Promise<Buffer>> jpegWaiters = new ArrayList<>();
  private final Promise<Void> firstKeyframe = Promise.promise();
  private final RateWindow rate = new RateWindow();
  private final List<Fragment> gop = new ArrayList<>();
  private InitSegment init;
  private long gopBytes;
  /** The current GOP outgrew its bound: new consumers start at the next keyframe instead. */
  private boolean gopOverflow;
  private Buffer latestJpeg;
  private long latestJpegAt;
  private long bytesIn;
  private long framesIn;
  private boolean ended;

  LiveFeed(int gopMaxBytes) {
    this.gopMaxBytes = gopMaxBytes;
  }

  /** Completes at the first keyframe of this run: from then on consumers get a decodable stream. */
  Future<Void> ready() {
    return firstKeyframe.future();
  }

  InitSegment init() {
    return init;
  }

  void init(InitSegment segment) {
    init = segment;
  }

  void fragment(Fragment f, long nowNanos) {
    if (ended || init == null) {
      return;
    }
    bytesIn += f.size();
    framesIn += f.samples();
    rate.add(nowNanos, f.size(), f.samples());
    if (f.keyframe()) {
      gop.clear();
      gopBytes = 0;
      gopOverflow = false;
      if (!firstKeyframe.future().isComplete()) {
        // Sinks waiting for the stream start first; whoever attaches when ready() completes gets its own start.
        List.copyOf(sinks).forEach(s -> s.start(init, List.of()));
        firstKeyframe.complete();
      }
    } else if (!firstKeyframe.future().isComplete()) {
      return; // nothing decodable before the first keyframe
    }
    if (!gopOverflow && gopBytes + f.size() <= gopMaxBytes) {
      gop.add(f);
      gopBytes += f.size();
    } else {
      gopOverflow = true;
      gop.clear();
      gopBytes = 0;
    }
    for (FragmentSink sink : List.copyOf(sinks)) {
      deliver(sink, () -> sink.fragment(f));
    }
  }

  void jpeg(Buffer image, long nowNanos) {
    if (ended) {
      return;
    }
    latestJpeg = image;
    latestJpegAt = nowNanos;
    List<Promise<Buffer>> waiting = List.copyOf(jpegWaiters);
    jpegWaiters.clear();
    waiting.forEach(p -> p.tryComplete(image));
    for (JpegSink sink : List.copyOf(jpegSinks)) {
      deliver(sink, () -> sink.jpeg(image));
    }
  }

  /** One consumer failing (a socket that went away mid-write) must not keep the stream from the others. */
  private void deliver(Object sink, Runnable delivery) {
    try {
      delivery.run();
    } catch (RuntimeException e) {
      LOG.warn("dropping a consumer that failed: {}", e.toString());
      if (sink instanceof FragmentSink s && sinks.remove(s)) {
        s.end(true);
      } else if (sink instanceof JpegSink s && jpegSinks.remove(s)) {
        s.end(true);
      }
    }
  }

  /** The latest JPEG if it is at most {@code maxAgeNanos} old, else the next one. */
  Future<Buffer> jpeg(long maxAgeNanos, long nowNanos) {
    if (latestJpeg != null && nowNanos - latestJpegAt <= maxAgeNanos) {
      return Future.succeededFuture(latestJpeg);
    }
    if (ended) {
      return Future.failedFuture(new IllegalStateException("pipeline ended"));
    }
    Promise<Buffer> p = Promise.promise();
    jpegWaiters.add(p);
    return p.future();
  }

  void attach(FragmentSink sink) {
    if (ended) {
      sink.end(true);
      return;
    }
    sinks.add(sink);
    if (init != null && firstKeyframe.future().isComplete()) {
      sink.start(init, List.copyOf(gop));
    }
  }

  void detach(FragmentSink sink) {
    sinks.remove(sink);
  }

  void attach(JpegSink sink) {
    if (ended) {
      sink.end(true);
      return;
    }
    jpegSinks.add(sink);
    if (latestJpeg != null) {
      sink.jpeg(latestJpeg);
    }
  }

  void detach(JpegSink sink) {
    jpegSinks.remove(sink);
  }

  /** Ends every consumer; waiting snapshot requests fail. */
  void end(boolean failed, String reason) {
    if (ended) {
      return;
    }
    ended = true;
    firstKeyframe.tryFail(reason);
    jpegWaiters.forEach(p -> p.tryFail(reason));
    jpegWaiters.clear();
    List.copyOf(sinks).forEach(s -> s.end(failed));
    List.copyOf(jpegSinks).forEach(s -> s.end(failed));
    sinks.clear();
    jpegSinks.clear();
  }

  double fps(long nowNanos) {
    return rate.fps(nowNanos);
  }

  long bitrate(long nowNanos) {
    return rate.bitrate(nowNanos);
  }

  long bytesIn() {
    return bytesIn;
  }

  long framesIn() {
    return framesIn;
  }
}
