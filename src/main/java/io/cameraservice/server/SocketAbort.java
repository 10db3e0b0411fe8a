package io.cameraservice.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * Ends a socket's TCP connection at once. {@code close()} on a WebSocket queues a close frame and waits for the
 * peer's; a peer that does not read never gets it, so the connection and its unsent bytes would stay. Even a
 * {@code close()} through the channel pipeline was seen to leave the descriptor open under epoll, so the transport
 * is closed directly; Vert.x then sees the channel go inactive and runs the socket's close handler as for any other
 * end. Vert.x offers no public way to do this, hence its internal {@link WebSocketInternal} view of
 * the Netty channel. Use it instead of {@code close()}, never after it: Vert.x's pending close would then close the
 * channel a second time with a promise already completed (logged as a WARN with a stack trace).
 */
final class SocketAbort {

  private SocketAbort() {}

  /** Resets the connection (SO_LINGER 0: the kernel discards unsent bytes and sends RST instead of lingering). */
  static void abort(WebSocketBase socket) {
    if (socket instanceof WebSocketInternal internal) {
      Channel channel = internal.channelHandlerContext().channel();
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      channel.unsafe().close(channel.voidPromise());
    }
  }
}
