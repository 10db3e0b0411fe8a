package io.cameraservice.files;

import java.util.Locale;

/** Why the service deleted a file (counted per reason in metrics and logged with each deletion). */
public enum DeletionReason {
  /** delete_recording / delete_snapshot. */
  USER,
  /** The retention policy (age or size). */
  RETENTION,
  /** The disk-space guard freeing space below the floor. */
  RECLAIM,
  /** A producer discarding a file it could not finish. */
  DISCARD;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
