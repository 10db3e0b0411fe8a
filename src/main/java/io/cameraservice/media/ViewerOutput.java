package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;

/** Where a live viewer's bytes go (a WebSocket, a streamed HTTP response); writes never block. */
interface ViewerOutput {

  /** True when the client's socket holds more than {@code media.buffers.viewer_queue_bytes}. */
  boolean full();

  void write(Buffer data);

  /** A text preamble before the media (used by the WebSocket for the codec string), if the output has one. */
  default void describe(InitSegment init) {}

  void close();
}
