package io.cameraservice.auth;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Info lines about something a client can cause at will (a refused authentication, say): at most
 * {@code linesPerWindow} lines per window, so that a flood of such events cannot fill the log or the disk. What is
 * left out is counted and reported in one line ("N more ... not logged") with the first event of a later window.
 */
final class ThrottledLog {

  private final Logger log;
  private final String what;
  private final int linesPerWindow;
  private final long windowMillis;
  private final Clock clock;
  private long windowStart = Long.MIN_VALUE;
  private int written;
  private long suppressed;

  /** @param what names the events in the summary line, e.g. "failed authentications" */
  ThrottledLog(Logger log, String what, int linesPerWindow, Duration window, Clock clock) {
    this.log = log;
    this.what = what;
    this.linesPerWindow = linesPerWindow;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  /** Logs at info, unless this window's lines are spent. */
  void info(String format, Object... arguments) {
    long missed;
    boolean write;
    synchronized (this) {
      long now = clock.millis();
      missed = 0;
      if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMillis) {
        missed = suppressed;
        windowStart = now;
        written = 0;
        suppressed = 0;
      }
      write = written < linesPerWindow;
      if (write) {
        written++;
      } else {
        suppressed++;
      }
    }
    // Written outside the lock: an appender may block on I/O.
    if (missed > 0) {
      log.info("{} more {} not logged (at most {} lines per {} s)", missed, what, linesPerWindow,
          windowMillis / 1000);
    }
    if (write) {
      log.info(format, arguments);
    }
  }
}
