package io.cameraservice.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * What a {@code /ws} socket may make the server hold before it authenticates
 * ({@code server.max_unauthenticated_message_bytes}). Netty's frame decoder buffers a whole frame, up to
 * {@code max_frame_bytes} (16 MiB), before anything above it sees a byte, and that limit is one for the whole
 * server; so without this, each of the unauthenticated sockets could pin 16 MiB for the auth deadline, without
 * credentials. This handler sits in front of the decoder and reads the raw frame headers as the bytes pass: a header
 * announcing more than the limit, or more than the limit received in all, closes the connection with 1009 at once and
 * drops what follows, so the decoder never holds more than the limit. Once the socket has a session, bytes pass
 * unread and the server-wide limits apply.
 *
 * <p>The header reading is in step with the decoder because a client may not send frames before the server's
 * handshake answer (RFC 6455 4.1) and the handler is installed when that answer goes out; a client that sends early
 * anyway may put it out of step, and then the byte total still bounds what it can make the server hold.
 */
final class UnauthenticatedInput extends ChannelInboundHandlerAdapter {

  private static final int MESSAGE_TOO_BIG = 1009;
  private static final int MAX_HEADER = 14;

  private final long maxBytes;
  private final BooleanSupplier authenticated;
  private final byte[] header = new byte[MAX_HEADER];
  private int headerHave;
  private int headerNeeded = 2;
  /** Payload bytes of the current frame still to pass before the next header. */
  private long payloadLeft;
  private long received;
  private boolean refused;
  /** Set once the socket has a session: from then on every byte passes unread, whatever happens to the session. */
  private boolean passing;

  private UnauthenticatedInput(long maxBytes, BooleanSupplier authenticated) {
    this.maxBytes = maxBytes;
    this.authenticated = authenticated;
  }

  /** Puts the guard in front of {@code socket}'s frame decoder; call on its event loop as the socket opens. */
  static void install(ServerWebSocket socket, long maxBytes, BooleanSupplier authenticated) {
    ChannelPipeline pipeline = ((WebSocketInternal) socket).channelHandlerContext().pipeline();
    ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
    if (decoder == null) {
      throw new IllegalStateException("no WebSocket frame decoder in the pipeline: " + pipeline.names());
    }
    pipeline.addBefore(decoder.name(), "unauthenticated-input", new UnauthenticatedInput(maxBytes, authenticated));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!passing && authenticated.getAsBoolean()) {
      passing = true;
    }
    if (passing || !(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (refused) {
      bytes.release();
      return;
    }
    received += bytes.readableBytes();
    String refusal = received > maxBytes ? "more than " + maxBytes + " bytes before authenticating" : scan(bytes);
    if (refusal == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    refused = true;
    bytes.release();
    // Written and closed from here, ahead of Vert.x's WebSocket, which would otherwise send a close frame of its own
    // and wait for the client's close answer (dropped now) for the closing timeout.
    ctx.writeAndFlush(closeFrame(ctx, refusal)).addListener(f -> ctx.close());
  }

  /** An unmasked close frame (server to client) with code 1009 and {@code reason} (ASCII, under 124 bytes). */
  private static ByteBuf closeFrame(ChannelHandlerContext ctx, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.US_ASCII);
    ByteBuf frame = ctx.alloc().buffer(4 + text.length);
    frame.writeByte(0x88).writeByte(2 + text.length).writeShort(MESSAGE_TOO_BIG).writeBytes(text);
    return frame;
  }

  /** Follows the frame headers in {@code bytes} without consuming them; the refusal, or null. */
  private String scan(ByteBuf bytes) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end) {
      if (payloadLeft > 0) {
        int skip = (int) Math.min(payloadLeft, end - i);
        i += skip;
        payloadLeft -= skip;
        continue;
      }
      header[headerHave++] = bytes.getByte(i++);
      if (headerHave == 2) {
        int code = header[1] & 0x7f;
        headerNeeded = 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
      }
      if (headerHave >= 2 && headerHave == headerNeeded) {
        long length = payloadLength();
        headerHave = 0;
        if (length < 0 || length > maxBytes) {
          return "frame over " + maxBytes + " bytes before authenticating";
        }
        payloadLeft = length;
      }
    }
    return null;
  }

  /** The length the complete header announces; negative when a 64-bit length has its top bit set. */
  private long payloadLength() {
    int code = header[1] & 0x7f;
    if (code < 126) {
      return code;
    }
    int bytes = code == 126 ? 2 : 8;
    long length = 0;
    for (int k = 0; k < bytes; k++) {
      length = (length << 8) | (header[2 + k] & 0xff);
    }
    return length;
  }
}
