package io.cameraservice.media;

/**
 * The wall-clock bar a test pattern with {@code overlay: timecode} carries: the milliseconds of the clock (mod 2^20)
 * when the frame was made, as 20 black/white cells of 32x24 pixels along the top edge, Gray-coded so that a reading
 * taken across a millisecond tick is off by at most one. Drawn by ffmpeg filters; read back by the latency
 * benchmark from decoded pictures.
 */
public final class Timecode {

  public static final int BITS = 20;
  public static final int CELL_WIDTH = 32;
  public static final int CELL_HEIGHT = 24;
  /** Readings wrap at this many milliseconds (about 17 minutes). */
  public static final long MODULUS = 1L << BITS;

  private Timecode() {}

  /** The filter chain (to append to a lavfi source) that draws the bar. */
  static String overlay() {
    StringBuilder g = new StringBuilder(",drawbox=x=0:y=0:w=" + (BITS * CELL_WIDTH) + ":h=" + CELL_HEIGHT
        + ":color=black:t=fill");
    for (int k = 0; k < BITS; k++) {
      // Cell k shows bit k of the Gray code of the milliseconds: bit k XOR bit k+1 of the value.
      g.append(",drawbox=x=").append(k * CELL_WIDTH).append(":y=0:w=").append(CELL_WIDTH).append(":h=")
          .append(CELL_HEIGHT).append(":color=white:t=fill:enable='st(0,floor(mod(time(0)*1000,").append(MODULUS)
          .append(")));mod(floor(ld(0)/").append(1L << k).append(")+floor(ld(0)/").append(1L << (k + 1))
          .append("),2)'");
    }
    return g.toString();
  }

  /** An ffmpeg filter that reduces a decoded picture to one grey byte per cell. */
  public static String readingFilter() {
    return "crop=" + (BITS * CELL_WIDTH) + ":" + CELL_HEIGHT + ":0:0,scale=" + BITS + ":1:flags=area";
  }

  /** The milliseconds a bar stands for, from one grey byte per cell (bright = 1, cell 0 = bit 0). */
  public static long read(byte[] cells) {
    long gray = 0;
    for (int k = 0; k < BITS; k++) {
      if ((cells[k] & 0xff) > 128) {
        gray |= 1L << k;
      }
    }
    long value = gray;
    for (long shift = gray >> 1; shift != 0; shift >>= 1) {
      value ^= shift;
    }
    return value;
  }
}
