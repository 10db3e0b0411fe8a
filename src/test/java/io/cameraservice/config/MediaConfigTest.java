package io.cameraservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The camera, media and recording settings: defaults that load, and rules that name the key they break. */
class MediaConfigTest {

  @Test
  void defaultsLoadAndTestPatternsGetTheirDefaults() {
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    flags.with("cameras").putArray("test_patterns").addObject().put("id", "camera3");
    ServiceConfig config = ConfigLoader.withEnvironment(Map.of()).flags(flags).load(null);
    TestPatternSettings p = config.cameras().testPatterns().get(0);
    assertThat(p).isEqualTo(new TestPatternSettings("camera3", "testsrc2", "640x480", 15, "Test pattern camera3",
        "none"));
    assertThat(config.recording().defaultFormat()).isEqualTo("fmp4");
    assertThat(config.media().encoder().preset()).isEqualTo("ultrafast");
    assertThat(config.cameras().v4l2().enabled()).isTrue();
  }

  @Test
  void brokenSettingsAreReportedByKey() {
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    var patterns = flags.with("cameras").putArray("test_patterns");
    patterns.addObject().put("id", "cam0").put("pattern", "plasma").put("size", "641x480").put("fps", 0);
    patterns.addObject().put("id", "camera1");
    flags.with("cameras").putArray("external_streams").addObject().put("id", "camera1").put("url", "ftp://x/y");
    flags.with("cameras").with("v4l2").put("preferred_size", "big");
    flags.with("media").with("restart").put("initial_delay_ms", 5000).put("max_delay_ms", 1000);
    flags.with("media").with("jpeg").put("quality", 0);
    flags.with("recording").put("default_format", "avi").put("segment_bytes", 10);

    assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).flags(flags).load(null))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsAll(List.of(
            "cameras.test_patterns[0].id: must match ^camera[0-9]+$ (got cam0)",
            "cameras.test_patterns[0].pattern: must be one of testsrc, testsrc2, smptebars, smptehdbars, "
                + "rgbtestsrc, yuvtestsrc (got plasma)",
            "cameras.test_patterns[0].size: must be even and at most 7680x4320 (got 641x480)",
            "cameras.test_patterns[0].fps: must be between 1 and 60 (got 0)",
            "cameras.external_streams[0].url: scheme must be one of cameras.external_url_schemes "
                + "[rtsp, rtsps, http, https]",
            "cameras.external_streams[0].id: duplicate camera id camera1",
            "cameras.v4l2.preferred_size: must be WIDTHxHEIGHT, e.g. 640x480 (got big)",
            "media.restart.max_delay_ms: must not be below initial_delay_ms",
            "media.jpeg.quality: must be between 1 and 100 (got 0)",
            "recording.default_format: must be one of fmp4, mp4, mkv (got avi)",
            "recording.segment_bytes: must be between 1048576 and 1099511627776 (got 10)")));
  }

  @Test
  void unknownKeyInATestPatternIsRefused() {
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    flags.with("cameras").putArray("test_patterns").addObject().put("id", "camera0").put("colour", "red");
    assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).flags(flags).load(null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("colour");
  }
}
