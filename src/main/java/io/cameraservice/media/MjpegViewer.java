package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A viewer of the JPEG side stream as {@code multipart/x-mixed-replace}. A frame that does not fit in the socket's
 * buffer is skipped: the next one replaces it anyway. Camera loop only.
 */
final class MjpegViewer implements JpegSink {

  static final String BOUNDARY = "camera-service-frame";

  private final ViewerOutput output;
  private final Delivered delivered;

  MjpegViewer(ViewerOutput output, Delivered delivered) {
    this.output = output;
    this.delivered = delivered;
  }

  @Override
  public void jpeg(Buffer image) {
    if (output.full()) {
      return;
    }
    Buffer part = Buffer.buffer(image.length() + 128)
        .appendString("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + image.length()
            + "\r\n\r\n", StandardCharsets.US_ASCII.name())
        .appendBuffer(image).appendString("\r\n");
    output.write(part);
    delivered.sent(part.length(), 1);
  }

  @Override
  public void end(boolean failed) {
    output.close();
  }
}
