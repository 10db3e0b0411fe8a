package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;

/** A consumer of a camera's JPEG side stream (an MJPEG viewer). Called on the camera loop only. */
interface JpegSink {

  void jpeg(Buffer image);

  void end(boolean failed);
}
