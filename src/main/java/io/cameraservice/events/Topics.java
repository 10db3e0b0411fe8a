package io.cameraservice.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event topics of contract section 5 and the patterns clients may use to name several at once. */
public final class Topics {

  public static final String CAMERA_CONNECTED = "camera.connected";
  public static final String CAMERA_DISCONNECTED = "camera.disconnected";
  public static final String CAMERA_STATUS_CHANGE = "camera.status_change";
  public static final String RECORDING_START = "recording.start";
  public static final String RECORDING_STOP = "recording.stop";
  public static final String RECORDING_ERROR = "recording.error";
  public static final String SNAPSHOT_TAKEN = "snapshot.taken";
  public static final String SYSTEM_HEALTH = "system.health";
  public static final String SYSTEM_ALERT = "system.alert";
  public static final String SYSTEM_STARTUP = "system.startup";
  public static final String SYSTEM_SHUTDOWN = "system.shutdown";

  public static final List<String> ALL = List.of(CAMERA_CONNECTED, CAMERA_DISCONNECTED, CAMERA_STATUS_CHANGE,
      RECORDING_START, RECORDING_STOP, RECORDING_ERROR, SNAPSHOT_TAKEN, SYSTEM_HEALTH, SYSTEM_ALERT, SYSTEM_STARTUP,
      SYSTEM_SHUTDOWN);

  /** What a new session is subscribed to. */
  public static final List<String> DEFAULT_PATTERNS = List.of("camera.*", "recording.*", SYSTEM_HEALTH);

  /** {@link #DEFAULT_PATTERNS} expanded. */
  public static final Set<String> DEFAULTS = expandAll(DEFAULT_PATTERNS);

  /** Topics only admins receive. */
  public static final Set<String> ADMIN_ONLY = Set.of(SYSTEM_ALERT);

  private Topics() {}

  private static Set<String> expandAll(List<String> patterns) {
    Set<String> out = new LinkedHashSet<>();
    patterns.forEach(p -> out.addAll(expand(p)));
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * The topics a name stands for: itself if it is a topic, every topic of a group for {@code group.*}, all topics for
   * {@code *}; empty when it names nothing.
   */
  public static Set<String> expand(String pattern) {
    Set<String> out = new LinkedHashSet<>();
    if (pattern.equals("*")) {
      out.addAll(ALL);
    } else if (pattern.endsWith(".*")) {
      String prefix = pattern.substring(0, pattern.length() - 1);
      ALL.stream().filter(t -> t.startsWith(prefix)).forEach(out::add);
    } else if (ALL.contains(pattern)) {
      out.add(pattern);
    }
    return out;
  }
}
