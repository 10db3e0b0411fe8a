package io.cameraservice.files;

/**
 * A single byte range of a {@code Range: bytes=...} header, resolved against the file size (RFC 9110 14.1.2).
 * Several ranges are not served as multipart; the whole file is sent instead, which the RFC allows.
 */
record ByteRange(long start, long end) {

  /** The header could not be served as a range: send the whole file. */
  static final ByteRange WHOLE = new ByteRange(-1, -1);
  /** The range lies outside the file: 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

  long length() {
    return end - start + 1;
  }

  static ByteRange parse(String header, long size) {
    if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6) || header.indexOf(',') >= 0) {
      return WHOLE;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return WHOLE;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    try {
      if (first.isEmpty()) {
        if (last.isEmpty()) {
          return WHOLE;
        }
        long suffix = Long.parseLong(last);
        if (suffix <= 0 || size == 0) {
          return UNSATISFIABLE;
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
      if (start < 0 || end < start) {
        return WHOLE;
      }
      if (start >= size) {
        return UNSATISFIABLE;
      }
      return new ByteRange(start, Math.min(end, size - 1));
    } catch (NumberFormatException e) {
      return WHOLE;
    }
  }
}
