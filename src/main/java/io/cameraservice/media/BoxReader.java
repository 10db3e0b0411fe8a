package io.cameraservice.media;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads an ISO-BMFF (MP4) byte stream one top-level box at a time, header included. Blocking. */
final class BoxReader {

  /** No box ffmpeg writes for one fragment of one camera comes near this; more means a broken stream. */
  static final int MAX_BOX_BYTES = 64 << 20;

  /** A whole box: its four-character type and its bytes from the size field on. */
  record Box(String type, byte[] bytes) {}

  private final DataInputStream in;

  BoxReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** The next box, or null at the end of the stream. */
  Box next() throws IOException {
    byte[] header = new byte[8];
    int first = in.read(header, 0, 1);
    if (first < 0) {
      return null;
    }
    in.readFully(header, 1, 7);
    long size = ((header[0] & 0xffL) << 24) | ((header[1] & 0xffL) << 16) | ((header[2] & 0xffL) << 8)
        | (header[3] & 0xffL);
    String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
    int headerLength = 8;
    byte[] large = null;
    if (size == 1) {
      large = new byte[8];
      in.readFully(large);
      size = java.nio.ByteBuffer.wrap(large).getLong();
      headerLength = 16;
    }
    if (size < headerLength || size > MAX_BOX_BYTES) {
      throw new IOException("box '" + type + "' has an unusable size " + size);
    }
    byte[] bytes = new byte[(int) size];
    System.arraycopy(header, 0, bytes, 0, 8);
    if (large != null) {
      System.arraycopy(large, 0, bytes, 8, 8);
    }
    try {
      in.readFully(bytes, headerLength, (int) size - headerLength);
    } catch (EOFException e) {
      throw new IOException("stream ended inside box '" + type + "'", e);
    }
    return new Box(type, bytes);
  }
}
