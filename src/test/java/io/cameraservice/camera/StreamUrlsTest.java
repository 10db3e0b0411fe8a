package io.cameraservice.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamUrlsTest {

  @Test
  void passwordsAreHiddenAndTheRestIsKept() {
    assertThat(StreamUrls.redact("rtsp://admin:hunter2@10.0.0.5:554/Streaming/101"))
        .isEqualTo("rtsp://admin:***@10.0.0.5:554/Streaming/101");
    assertThat(StreamUrls.redact("rtsp://admin@10.0.0.5/s")).isEqualTo("rtsp://admin@10.0.0.5/s");
    assertThat(StreamUrls.redact("http://cam.local/video?user=a@b")).isEqualTo("http://cam.local/video?user=a@b");
    assertThat(StreamUrls.redact("rtsp://u:p@ss@host/x")).isEqualTo("rtsp://u:***@host/x");
    assertThat(StreamUrls.redact("file:///clips/a.mp4")).isEqualTo("file:///clips/a.mp4");
    assertThat(StreamUrls.scheme("RTSP://host/x")).isEqualTo("rtsp");
    assertThat(StreamUrls.scheme("not a url")).isNull();
  }
}
