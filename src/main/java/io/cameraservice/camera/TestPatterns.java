package io.cameraservice.camera;

import io.cameraservice.config.TestPatternSettings;
import java.util.List;

/** The synthetic cameras of {@code cameras.test_patterns}: always connected, with exactly the configured mode. */
public final class TestPatterns {

  private TestPatterns() {}

  public static void register(List<TestPatternSettings> patterns, CameraRegistry registry, CameraLoop loop) {
    loop.run(() -> {
      for (TestPatternSettings p : patterns) {
        String key = "test-pattern:" + p.id();
        registry.reserve(p.id(), key);
        String[] wh = p.size().split("x");
        TestPatternCapture source = new TestPatternCapture(p.pattern(), p.size(), p.fps(),
            "timecode".equals(p.overlay()));
        registry.put(new Camera(p.id(), p.name(), CameraStatus.CONNECTED, source,
            CameraCapabilities.single("YU12", "Planar YUV 4:2:0 (" + p.pattern() + ")", Integer.parseInt(wh[0]),
                Integer.parseInt(wh[1]), p.fps()), ValidationStatus.CONFIRMED, key));
      }
    });
  }
}
