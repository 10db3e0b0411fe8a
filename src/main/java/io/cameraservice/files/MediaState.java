package io.cameraservice.files;

import java.util.Locale;

/** Whether a producer is still writing a file (it is then never deleted by retention, reclaim or users). */
public enum MediaState {
  COMPLETE,
  WRITING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
