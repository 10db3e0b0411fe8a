package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * A viewer on a WebSocket, for Media Source Extensions: first a text message {@code {"type":"init","mime":...,
 * "width":..,"height":..}} naming the codec, then one binary message per init segment or fragment.
 */
final class WebSocketViewerOutput implements ViewerOutput {

  private final ServerWebSocket socket;

  WebSocketViewerOutput(ServerWebSocket socket, int queueBytes) {
    this.socket = socket;
    socket.setWriteQueueMaxSize(queueBytes);
  }

  /** A socket closed by its client (possibly a moment ago, from another thread) counts as full. */
  @Override
  public boolean full() {
    try {
      return socket.isClosed() || socket.writeQueueFull();
    } catch (IllegalStateException closedMeanwhile) {
      return true;
    }
  }

  @Override
  public void describe(InitSegment init) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(new JsonObject().put("type", "init")
          .put("mime", "video/mp4; codecs=\"" + init.codec() + "\"")
          .put("width", init.width()).put("height", init.height()).encode());
    }
  }

  @Override
  public void write(Buffer data) {
    if (!socket.isClosed()) {
      socket.writeBinaryMessage(data); // a socket closing meanwhile fails the returned future, nothing more
    }
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close((short) 1001, "stream ended");
    }
  }
}
