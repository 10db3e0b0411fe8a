package io.cameraservice.files;

import java.time.Instant;

/**
 * One page of a listing, newest first.
 *
 * @param camera only this camera's files, or null for all
 * @param since only files modified at or after this instant, or null
 * @param until only files modified before this instant, or null
 */
public record ListQuery(String camera, Instant since, Instant until, int limit, long offset) {

  long sinceMs() {
    return since == null ? Long.MIN_VALUE : since.toEpochMilli();
  }

  long untilMs() {
    return until == null ? Long.MAX_VALUE : until.toEpochMilli();
  }

  boolean hasTimeRange() {
    return since != null || until != null;
  }
}
