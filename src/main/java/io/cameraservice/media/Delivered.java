package io.cameraservice.media;

/** Counts what viewers were sent, for the stream metrics. */
@FunctionalInterface
interface Delivered {
  void sent(long bytes, long frames);
}
