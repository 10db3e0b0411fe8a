package io.cameraservice.config;

import java.util.regex.Pattern;

/** Shared rules for camera ids and frame sizes in configuration. */
final class Ids {

  static final Pattern CAMERA_ID = Pattern.compile("^camera[0-9]+$");
  static final Pattern SIZE = Pattern.compile("^([1-9][0-9]{1,4})x([1-9][0-9]{1,4})$");

  private Ids() {}

  static void checkCameraId(String key, String id, ConfigProblems problems) {
    if (id == null || !CAMERA_ID.matcher(id).matches()) {
      problems.add(key, "must match " + CAMERA_ID.pattern() + " (got " + id + ")");
    }
  }

  static void checkSize(String key, String size, ConfigProblems problems) {
    var m = size == null ? null : SIZE.matcher(size);
    if (m == null || !m.matches()) {
      problems.add(key, "must be WIDTHxHEIGHT, e.g. 640x480 (got " + size + ")");
      return;
    }
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    if (w > 7680 || h > 4320 || w % 2 != 0 || h % 2 != 0) {
      problems.add(key, "must be even and at most 7680x4320 (got " + size + ")");
    }
  }
}
