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
    assertThat(StreamUrls.redact("http://u:pw@cam/v?channel=2&token=t0k&Password=x&sig=s#frag"))
        .isEqualTo("http://u:***@cam/v?channel=2&token=***&Password=***&sig=***#frag");
    assertThat(StreamUrls.redact("rtsp://cam/s?api_key=k&apikey=k&key=k&auth=a&secret=s&pwd=p&pass=p&signature=g"))
        .isEqualTo("rtsp://cam/s?api_key=***&apikey=***&key=***&auth=***&secret=***&pwd=***&pass=***&signature=***");
    assertThat(StreamUrls.redact("rtsp://cam/s?keyframe=1&flag")).isEqualTo("rtsp://cam/s?keyframe=1&flag");
    assertThat(StreamUrls.scheme("RTSP://host/x")).isEqualTo("rtsp");
    assertThat(StreamUrls.scheme("not a url")).isNull();
  }
}
