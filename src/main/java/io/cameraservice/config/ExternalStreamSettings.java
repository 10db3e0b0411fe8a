package io.cameraservice.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** A network camera named in configuration. */
public record ExternalStreamSettings(String id, String url, String name, String type) {

  public ExternalStreamSettings {
    type = type == null ? "generic" : type;
    name = name == null ? id : name;
  }

  public void validate(String prefix, List<String> schemes, ConfigProblems problems) {
    Ids.checkCameraId(prefix + ".id", id, problems);
    checkUrl(prefix + ".url", url, schemes, problems);
  }

  /** A URL ffmpeg can open with one of the allowed schemes; the value is not echoed (it may hold a password). */
  static void checkUrl(String key, String url, List<String> schemes, ConfigProblems problems) {
    if (url == null || url.isBlank()) {
      problems.add(key, "is required");
      return;
    }
    try {
      String scheme = new URI(url).getScheme();
      if (scheme == null || !schemes.contains(scheme.toLowerCase(Locale.ROOT))) {
        problems.add(key, "scheme must be one of cameras.external_url_schemes " + schemes);
      }
    } catch (URISyntaxException e) {
      problems.add(key, "is not a valid URL");
    }
  }
}
