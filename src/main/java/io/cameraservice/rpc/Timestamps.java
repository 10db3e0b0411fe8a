package io.cameraservice.rpc;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire: RFC 3339 in UTC, whole seconds ({@code 2026-11-27T18:00:00Z}). */
public final class Timestamps {

  private Timestamps() {}

  public static String format(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
