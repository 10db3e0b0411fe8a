package io.cameraservice.media;

import java.util.ArrayDeque;

/** Frames and bytes over the last few seconds, for fps and bitrate figures. Camera loop only. */
final class RateWindow {

  private static final long WINDOW_NANOS = 5_000_000_000L;

  private record Sample(long at, long bytes, long frames) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private long bytes;
  private long frames;

  void add(long atNanos, long sampleBytes, long sampleFrames) {
    samples.addLast(new Sample(atNanos, sampleBytes, sampleFrames));
    bytes += sampleBytes;
    frames += sampleFrames;
    trim(atNanos);
  }

  double fps(long nowNanos) {
    trim(nowNanos);
    return samples.size() < 2 ? 0 : (frames - samples.peekFirst().frames()) * 1e9 / span();
  }

  /** Bits per second. */
  long bitrate(long nowNanos) {
    trim(nowNanos);
    return samples.size() < 2 ? 0 : Math.round((bytes - samples.peekFirst().bytes()) * 8e9 / span());
  }

  private double span() {
    return Math.max(1, samples.peekLast().at() - samples.peekFirst().at());
  }

  private void trim(long nowNanos) {
    while (!samples.isEmpty() && nowNanos - samples.peekFirst().at() > WINDOW_NANOS) {
      Sample s = samples.removeFirst();
      bytes -= s.bytes();
      frames -= s.frames();
    }
  }
}
