package io.cameraservice.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain TCP socket, frame by frame: for what a well-behaved client library will not do (an
 * unfinished FIN=0 message, never reading its answers, a chosen {@code Origin}).
 */
public final class RawWebSocket implements AutoCloseable {

  public static final int TEXT = 1;
  public static final int CONTINUATION = 0;
  public static final int CLOSE = 8;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  /** The status line of the upgrade answer, e.g. {@code HTTP/1.1 101 Switching Protocols}. */
  public final String status;

  private RawWebSocket(Socket socket, String status) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
    this.status = status;
  }

  /** Opens {@code path}; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (for a client that never reads). */
  public static RawWebSocket open(int port, String path, String origin, int receiveBuffer) throws IOException {
    return open(null, port, path, origin, receiveBuffer);
  }

  /** As {@link #open(int, String, String, int)}, from the loopback address {@code source} (e.g. 127.0.0.7) if given. */
  public static RawWebSocket open(String source, int port, String path, String origin, int receiveBuffer)
      throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    if (source != null) {
      socket.bind(new java.net.InetSocketAddress(source, 0));
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    String status = head.toString().split("\r\n", 2)[0];
    return new RawWebSocket(socket, status);
  }

  public static RawWebSocket open(int port, String path) throws IOException {
    return open(port, path, null, 0);
  }

  public int localPort() {
    return socket.getLocalPort();
  }

  public boolean upgraded() {
    return status.contains(" 101 ");
  }

  /** Writes one masked frame. */
  public void frame(boolean fin, int opcode, byte[] payload) throws IOException {
    byte[] mask = header(fin, opcode, payload.length);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    out.write(masked);
    out.flush();
  }

  /**
   * Writes the header of a masked frame announcing {@code length} payload bytes, and then {@code first} of them
   * (unmasked is fine: only the length matters to the reader under test); the rest is never sent.
   */
  public void announce(int opcode, long length, byte[] first) throws IOException {
    header(true, opcode, length);
    out.write(first);
    out.flush();
  }

  /** Writes a frame header with a fresh mask key, and answers that key. */
  private byte[] header(boolean fin, int opcode, long length) throws IOException {
    byte[] header;
    if (length < 126) {
      header = new byte[] {(byte) ((fin ? 0x80 : 0) | opcode), (byte) (0x80 | length)};
    } else if (length < 65536) {
      header = new byte[] {(byte) ((fin ? 0x80 : 0) | opcode), (byte) (0x80 | 126), (byte) (length >> 8),
          (byte) length};
    } else {
      header = new byte[10];
      header[0] = (byte) ((fin ? 0x80 : 0) | opcode);
      header[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        header[9 - i] = (byte) (length >> (8 * i));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    out.write(header);
    out.write(mask);
    return mask;
  }

  public void text(String message) throws IOException {
    frame(true, TEXT, message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads frames until a close frame and returns its status code; -1 if the connection ended without one, -2 if
   * nothing ended it within the socket timeout.
   */
  public int awaitCloseCode() throws IOException {
    try {
      while (true) {
        int b0 = in.read();
        if (b0 < 0) {
          return -1;
        }
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if ((b0 & 0x0f) == 8) {
          return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
      }
    } catch (SocketTimeoutException e) {
      return -2;
    } catch (java.io.EOFException | java.net.SocketException e) {
      return -1;
    }
  }

  /** Reads one text frame's payload (for small answers in one frame). */
  public String nextText() throws IOException {
    int b0 = in.read();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return (b0 & 0x0f) == 8 ? null : new String(payload, StandardCharsets.UTF_8);
  }

  /** Ends the connection with a TCP reset instead of a close handshake or FIN. */
  public void reset() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // already gone
    }
    close();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
