package io.cameraservice.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Walking the children of an MP4 box held in memory. */
final class Boxes {

  private Boxes() {}

  /** Calls {@code visitor(type, start)} for each child box in {@code [from, to)}; start is where its size field is. */
  static void children(ByteBuffer data, int from, int to, BiConsumer<String, Integer> visitor) {
    int at = from;
    while (at + 8 <= to) {
      long size = data.getInt(at) & 0xffffffffL;
      int header = 8;
      if (size == 1) {
        size = data.getLong(at + 8);
        header = 16;
      } else if (size == 0) {
        size = to - at;
      }
      if (size < header || at + size > to) {
        return;
      }
      visitor.accept(type(data, at), at);
      at += (int) size;
    }
  }

  static String type(ByteBuffer data, int boxStart) {
    byte[] t = new byte[4];
    data.get(boxStart + 4, t);
    return new String(t, StandardCharsets.ISO_8859_1);
  }

  static int size(ByteBuffer data, int boxStart) {
    return data.getInt(boxStart);
  }

  /** End offset of the box starting at {@code boxStart}. */
  static int end(ByteBuffer data, int boxStart) {
    return boxStart + size(data, boxStart);
  }
}
