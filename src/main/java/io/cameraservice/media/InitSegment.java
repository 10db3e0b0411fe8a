package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;

/**
 * The head of the fragmented MP4 stream ({@code ftyp} + {@code moov}): what every consumer needs before the first
 * fragment, plus what was read from it.
 *
 * @param codec the RFC 6381 codec string a browser's Media Source needs, e.g. {@code avc1.42c01e}
 * @param defaultSampleFlags the {@code trex} default, used when a fragment does not state its own
 */
public record InitSegment(Buffer bytes, long timescale, int width, int height, String codec,
    int defaultSampleFlags) {

  static InitSegment parse(byte[] ftyp, byte[] moov) {
    Buffer bytes = Buffer.buffer(ftyp.length + moov.length).appendBytes(ftyp).appendBytes(moov);
    Reader r = new Reader(ByteBuffer.wrap(moov));
    r.walk(0, moov.length);
    return new InitSegment(bytes, r.timescale, r.width, r.height, r.codec, r.defaultSampleFlags);
  }

  public String resolution() {
    return width + "x" + height;
  }

  private static final class Reader {
    final ByteBuffer data;
    long timescale = 90_000;
    int width;
    int height;
    String codec = "avc1.42e01e";
    int defaultSampleFlags;
    boolean videoTrackSeen;

    Reader(ByteBuffer data) {
      this.data = data;
    }

    void walk(int boxStart, int boxEnd) {
      Boxes.children(data, boxStart + 8, boxEnd, (type, at) -> visit(type, at, Boxes.end(data, at)));
    }

    void visit(String type, int at, int end) {
      switch (type) {
        case "trak", "mdia", "minf", "stbl", "mvex" -> walk(at, end);
        case "tkhd" -> {
          if (!videoTrackSeen) {
            int version = data.get(at + 8);
            int fixed = at + 8 + 4 + (version == 1 ? 32 : 20) + 52;
            width = data.getInt(fixed) >>> 16;
            height = data.getInt(fixed + 4) >>> 16;
          }
        }
        case "mdhd" -> {
          if (!videoTrackSeen) {
            int version = data.get(at + 8);
            timescale = data.getInt(at + 8 + 4 + (version == 1 ? 16 : 8)) & 0xffffffffL;
          }
        }
        case "stsd" -> Boxes.children(data, at + 16, end, (entry, e) -> {
          if (entry.equals("avc1") || entry.equals("avc3")) {
            videoTrackSeen = true;
            // A visual sample entry has 78 bytes of fields after its header before its child boxes.
            Boxes.children(data, e + 8 + 78, Boxes.end(data, e), (child, c) -> {
              if (child.equals("avcC")) {
                codec = String.format("%s.%02x%02x%02x", entry, data.get(c + 9) & 0xff, data.get(c + 10) & 0xff,
                    data.get(c + 11) & 0xff);
              }
            });
          }
        });
        case "trex" -> defaultSampleFlags = data.getInt(at + 8 + 4 + 16);
        default -> { }
      }
    }
  }
}
