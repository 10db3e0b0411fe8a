package io.cameraservice.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as {@code 90s}, {@code 30m}, {@code 24h}, {@code 90d}, {@code 2w}. */
final class Durations implements ITypeConverter<Duration> {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([smhdw])");

  @Override
  public Duration convert(String value) {
    Matcher m = FORMAT.matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration (use e.g. 90s, 30m, 24h, 90d, 2w)");
    }
    long n = Long.parseLong(m.group(1));
    Duration d;
    switch (m.group(2)) {
      case "s":
        d = Duration.ofSeconds(n);
        break;
      case "m":
        d = Duration.ofMinutes(n);
        break;
      case "h":
        d = Duration.ofHours(n);
        break;
      case "d":
        d = Duration.ofDays(n);
        break;
      default:
        d = Duration.ofDays(7 * n);
        break;
    }
    if (d.isZero()) {
      throw new TypeConversionException("a duration must be longer than zero");
    }
    return d;
  }
}
