package io.cameraservice.domain;

import java.util.Locale;

/** The rate-limit class of a method: limits are configured per class and may be overridden per method. */
public enum RateClass {
  /** Cheap reads of state; keep working under load shedding. */
  STATUS,
  /** Camera and pipeline control: snapshots, recordings, streams. */
  CONTROL,
  /** File listing, info, deletion and downloads. */
  FILE,
  /** Administrative operations. */
  ADMIN;

  private final String configName = name().toLowerCase(Locale.ROOT);

  /** The class's key under {@code limits.rates} (asked on every call, so computed once). */
  public String configName() {
    return configName;
  }
}
