package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A viewer on a streamed (chunked) HTTP response. */
final class HttpViewerOutput implements ViewerOutput {

  private final HttpServerResponse response;

  HttpViewerOutput(HttpServerResponse response, int queueBytes) {
    this.response = response;
    response.setChunked(true).setWriteQueueMaxSize(queueBytes);
  }

  @Override
  public boolean full() {
    try {
      return response.closed() || response.writeQueueFull();
    } catch (IllegalStateException closedMeanwhile) {
      return true;
    }
  }

  @Override
  public void write(Buffer data) {
    if (!response.ended() && !response.closed()) {
      response.write(data);
    }
  }

  @Override
  public void close() {
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }
}
