package io.cameraservice.media;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Splits ffmpeg's {@code mpjpeg} output into JPEG images using each part's {@code Content-length}, so no scanning
 * of image data for markers is needed. Blocking.
 */
final class MultipartJpegReader {

  private static final int MAX_HEADER_LINE = 1024;
  private static final int MAX_IMAGE = 32 << 20;

  private final DataInputStream in;

  MultipartJpegReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** The next image, or null at the end of the stream. */
  byte[] next() throws IOException {
    int length = -1;
    boolean inHeaders = false;
    while (true) {
      String line = readLine();
      if (line == null) {
        return null;
      }
      if (line.startsWith("--")) {
        inHeaders = true;
        length = -1;
      } else if (inHeaders && line.isEmpty()) {
        if (length >= 0) {
          break;
        }
      } else if (inHeaders && line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
        if (length > MAX_IMAGE) {
          throw new IOException("JPEG part of " + length + " bytes");
        }
      }
    }
    byte[] image = new byte[length];
    in.readFully(image);
    return image;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.length() == 0 ? null : line.toString();
      }
      if (b == '\n') {
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
      }
      if (line.length() >= MAX_HEADER_LINE) {
        throw new IOException("multipart header line too long");
      }
      line.append((char) b);
    }
  }
}
