package io.cameraservice.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.function.Consumer;

/**
 * Joins one socket's frames into messages, holding at most {@code maxMessageBytes} of an unfinished one. Vert.x's
 * own aggregation checks its limit only against the whole buffered message, so a client could park a large
 * unfinished (FIN=0) message on the heap until the idle timeout. Here the running total is checked as each fragment
 * arrives and the socket is closed with 1009 as soon as it passes the limit. A message sent in one frame is handed on
 * whatever its size (the frame itself is capped by {@code max_frame_bytes}), so the protocol layer can answer an
 * over-long request with {@code message_too_large} and keep the socket open.
 */
final class InboundMessages {

  static final short MESSAGE_TOO_BIG = 1009;

  private final ServerWebSocket socket;
  private final int maxMessageBytes;
  private final Consumer<String> onText;
  private final Runnable onBinary;
  private Buffer pending;
  private boolean pendingIsText;

  private InboundMessages(ServerWebSocket socket, int maxMessageBytes, Consumer<String> onText, Runnable onBinary) {
    this.socket = socket;
    this.maxMessageBytes = maxMessageBytes;
    this.onText = onText;
    this.onBinary = onBinary;
  }

  /** Installs the frame handler on {@code socket}; {@code onBinary} is told of every complete binary message. */
  static void install(ServerWebSocket socket, int maxMessageBytes, Consumer<String> onText, Runnable onBinary) {
    InboundMessages messages = new InboundMessages(socket, maxMessageBytes, onText, onBinary);
    socket.frameHandler(messages::frame);
  }

  private void frame(WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary()) {
      if (frame.isFinal()) {
        complete(frame.isText(), frame.binaryData());
      } else {
        pendingIsText = frame.isText();
        pending = Buffer.buffer().appendBuffer(frame.binaryData());
        checkRunningTotal();
      }
    } else if (frame.isContinuation() && pending != null) {
      pending.appendBuffer(frame.binaryData());
      if (!checkRunningTotal()) {
        return;
      }
      if (frame.isFinal()) {
        Buffer message = pending;
        pending = null;
        complete(pendingIsText, message);
      }
    }
  }

  private boolean checkRunningTotal() {
    if (pending.length() <= maxMessageBytes) {
      return true;
    }
    pending = null;
    socket.close(MESSAGE_TOO_BIG, "message over " + maxMessageBytes + " bytes");
    return false;
  }

  private void complete(boolean text, Buffer data) {
    if (text) {
      onText.accept(data.toString(java.nio.charset.StandardCharsets.UTF_8));
    } else {
      onBinary.run();
    }
  }
}
