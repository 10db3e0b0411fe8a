package io.cameraservice.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version and build date stamped into the jar by the build. */
public record BuildInfo(String version, String buildDate) {

  public static BuildInfo load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(filtered(props.getProperty("version")), filtered(props.getProperty("build_date")));
  }

  /** Unfiltered placeholders (running from an IDE without the Maven resources step) read as "unknown". */
  private static String filtered(String value) {
    return value == null || value.startsWith("${") ? "unknown" : value;
  }
}
