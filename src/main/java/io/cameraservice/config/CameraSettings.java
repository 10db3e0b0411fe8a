package io.cameraservice.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

public record CameraSettings(
    int maxCameras,
    List<TestPatternSettings> testPatterns,
    List<ExternalStreamSettings> externalStreams,
    List<String> externalUrlSchemes,
    int networkProbeIntervalSeconds,
    List<String> discoveryCandidates,
    int discoveryIntervalSeconds,
    V4l2Settings v4l2) implements Validated {

  /** Schemes a network camera may use at all; configuration picks among them. */
  public static final List<String> KNOWN_SCHEMES = List.of("rtsp", "rtsps", "http", "https", "rtmp", "file");

  public CameraSettings {
    testPatterns = testPatterns == null ? List.of() : List.copyOf(testPatterns);
    externalStreams = externalStreams == null ? List.of() : List.copyOf(externalStreams);
    externalUrlSchemes = externalUrlSchemes == null ? List.of() : List.copyOf(externalUrlSchemes);
    discoveryCandidates = discoveryCandidates == null ? List.of() : List.copyOf(discoveryCandidates);
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".max_cameras", maxCameras, 1, 1024);
    problems.range(prefix + ".network_probe_interval_seconds", networkProbeIntervalSeconds, 1, 86400);
    problems.range(prefix + ".discovery_interval_seconds", discoveryIntervalSeconds, 0, 86400);
    for (int i = 0; i < externalUrlSchemes.size(); i++) {
      problems.oneOf(prefix + ".external_url_schemes[" + i + "]", externalUrlSchemes.get(i), KNOWN_SCHEMES);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < testPatterns.size(); i++) {
      String key = prefix + ".test_patterns[" + i + "]";
      testPatterns.get(i).validate(key, problems);
      unique(ids, testPatterns.get(i).id(), key, problems);
    }
    for (int i = 0; i < externalStreams.size(); i++) {
      String key = prefix + ".external_streams[" + i + "]";
      externalStreams.get(i).validate(key, externalUrlSchemes, problems);
      unique(ids, externalStreams.get(i).id(), key, problems);
    }
    for (int i = 0; i < discoveryCandidates.size(); i++) {
      ExternalStreamSettings.checkUrl(prefix + ".discovery_candidates[" + i + "]", discoveryCandidates.get(i),
          externalUrlSchemes, problems);
    }
    if (testPatterns.size() + externalStreams.size() > maxCameras) {
      problems.add(prefix + ".max_cameras", "is below the number of configured cameras");
    }
    v4l2.validate(prefix + ".v4l2", problems);
  }

  private static void unique(Set<String> ids, String id, String key, ConfigProblems problems) {
    if (id != null && !ids.add(id)) {
      problems.add(key + ".id", "duplicate camera id " + id);
    }
  }
}
