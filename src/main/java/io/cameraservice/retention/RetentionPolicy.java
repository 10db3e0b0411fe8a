package io.cameraservice.retention;

import io.cameraservice.config.RetentionSettings;
import java.util.Locale;

/**
 * What retention deletes. {@code age}: complete files modified more than {@code maxAgeDays} ago. {@code size}: the
 * oldest complete files while recordings and snapshots together take more than {@code maxSizeGb} GiB.
 * {@code manual}: nothing in the background; {@code cleanup_old_files} applies both limits.
 */
public record RetentionPolicy(Type type, boolean enabled, double maxAgeDays, double maxSizeGb) {

  public enum Type {
    AGE, SIZE, MANUAL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Type fromWire(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private static final double GIB = 1024.0 * 1024 * 1024;

  public static RetentionPolicy defaults(RetentionSettings settings) {
    return new RetentionPolicy(Type.fromWire(settings.policyType()), settings.enabled(), settings.maxAgeDays(),
        settings.maxSizeGb());
  }

  /** Whether the background runs apply it (an enabled age or size policy). */
  public boolean automatic() {
    return enabled && type != Type.MANUAL;
  }

  boolean appliesAge() {
    return type != Type.SIZE;
  }

  boolean appliesSize() {
    return type != Type.AGE;
  }

  long maxAgeMillis() {
    return (long) (maxAgeDays * 86_400_000L);
  }

  long maxBytes() {
    return (long) (maxSizeGb * GIB);
  }
}
