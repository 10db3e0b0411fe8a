package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;

/**
 * One {@code moof} + {@code mdat} pair of the live stream, with what consumers need to know about it.
 *
 * @param keyframe whether its first sample is a sync sample (a decoder can start here)
 * @param baseTime its decode time ({@code tfdt}), in the track's timescale
 * @param duration the summed duration of its samples, in the track's timescale
 * @param tfdtAt where the {@code tfdt} value sits in {@code bytes} (-1 if absent), so copies can be re-timed
 */
public record Fragment(Buffer bytes, boolean keyframe, long baseTime, long duration, int samples, int tfdtAt,
    boolean tfdtWide) {

  private static final int NON_SYNC = 0x10000;
  private static final int TFHD_BASE_OFFSET = 0x01;
  private static final int TFHD_DESCRIPTION = 0x02;
  private static final int TFHD_DURATION = 0x08;
  private static final int TFHD_SIZE = 0x10;
  private static final int TFHD_FLAGS = 0x20;
  private static final int TRUN_DATA_OFFSET = 0x01;
  private static final int TRUN_FIRST_FLAGS = 0x04;
  private static final int TRUN_DURATION = 0x100;
  private static final int TRUN_SIZE = 0x200;
  private static final int TRUN_FLAGS = 0x400;
  private static final int TRUN_CTS = 0x800;

  static Fragment parse(byte[] moof, byte[] mdat, InitSegment init) {
    Buffer bytes = Buffer.buffer(moof.length + mdat.length).appendBytes(moof).appendBytes(mdat);
    Parser p = new Parser(ByteBuffer.wrap(moof), init.defaultSampleFlags());
    p.walk(0, moof.length);
    boolean keyframe = (p.firstFlags & NON_SYNC) == 0;
    return new Fragment(bytes, keyframe, p.baseTime, p.duration, p.samples, p.tfdtAt, p.tfdtWide);
  }

  public int size() {
    return bytes.length();
  }

  /** A copy whose decode time is {@code baseTime - offset}, so a file cut from the stream starts at zero. */
  public Buffer rebased(long offset) {
    if (tfdtAt < 0 || offset == 0) {
      return bytes;
    }
    Buffer copy = bytes.copy();
    if (tfdtWide) {
      copy.setLong(tfdtAt, baseTime - offset);
    } else {
      copy.setUnsignedInt(tfdtAt, baseTime - offset);
    }
    return copy;
  }

  private static final class Parser {
    final ByteBuffer data;
    int defaultFlags;
    long defaultDuration;
    int firstFlags;
    boolean firstFlagsKnown;
    long baseTime;
    long duration;
    int samples;
    int tfdtAt = -1;
    boolean tfdtWide;

    Parser(ByteBuffer data, int trexFlags) {
      this.data = data;
      this.defaultFlags = trexFlags;
    }

    void walk(int boxStart, int boxEnd) {
      Boxes.children(data, boxStart + 8, boxEnd, (type, at) -> {
        switch (type) {
          case "traf" -> walk(at, Boxes.end(data, at));
          case "tfhd" -> tfhd(at);
          case "tfdt" -> {
            int version = data.get(at + 8);
            tfdtAt = at + 12;
            tfdtWide = version == 1;
            baseTime = tfdtWide ? data.getLong(tfdtAt) : data.getInt(tfdtAt) & 0xffffffffL;
          }
          case "trun" -> trun(at);
          default -> { }
        }
      });
    }

    void tfhd(int at) {
      int flags = data.getInt(at + 8) & 0xffffff;
      int p = at + 16;
      p += (flags & TFHD_BASE_OFFSET) != 0 ? 8 : 0;
      p += (flags & TFHD_DESCRIPTION) != 0 ? 4 : 0;
      if ((flags & TFHD_DURATION) != 0) {
        defaultDuration = data.getInt(p) & 0xffffffffL;
        p += 4;
      }
      p += (flags & TFHD_SIZE) != 0 ? 4 : 0;
      if ((flags & TFHD_FLAGS) != 0) {
        defaultFlags = data.getInt(p);
      }
    }

    void trun(int at) {
      int flags = data.getInt(at + 8) & 0xffffff;
      int count = data.getInt(at + 12);
      int p = at + 16;
      p += (flags & TRUN_DATA_OFFSET) != 0 ? 4 : 0;
      Integer first = null;
      if ((flags & TRUN_FIRST_FLAGS) != 0) {
        first = data.getInt(p);
        p += 4;
      }
      for (int i = 0; i < count; i++) {
        long sampleDuration = defaultDuration;
        if ((flags & TRUN_DURATION) != 0) {
          sampleDuration = data.getInt(p) & 0xffffffffL;
          p += 4;
        }
        p += (flags & TRUN_SIZE) != 0 ? 4 : 0;
        int sampleFlags = defaultFlags;
        if ((flags & TRUN_FLAGS) != 0) {
          sampleFlags = data.getInt(p);
          p += 4;
        }
        p += (flags & TRUN_CTS) != 0 ? 4 : 0;
        if (i == 0 && !firstFlagsKnown) {
          firstFlags = first != null ? first : sampleFlags;
          firstFlagsKnown = true;
        }
        duration += sampleDuration;
      }
      samples += count;
      if (!firstFlagsKnown) {
        firstFlags = defaultFlags;
      }
    }
  }
}
