package io.cameraservice.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code v4l2-ctl --list-formats-ext} as printed for common webcams, and the capture mode chosen from it. */
class V4l2FormatParserTest {

  private static final Path DEVICE = Path.of("/dev/video0");

  @Test
  void logitechC270OffersYuyvAndMjpegAndIsReadAsMjpegAt720p() throws IOException {
    List<VideoFormat> formats = V4l2FormatParser.parse(fixture("logitech-c270.txt"));

    assertThat(formats).extracting(VideoFormat::fourcc).containsExactly("YUYV", "MJPG");
    assertThat(formats.get(0).description()).isEqualTo("YUYV 4:2:2");
    assertThat(formats.get(1).description()).isEqualTo("Motion-JPEG");
    assertThat(formats.get(0).sizes()).hasSize(19);
    assertThat(size(formats.get(0), "1280x960").fps()).containsExactly(7.5, 5.0);
    CameraCapabilities caps = new CameraCapabilities(formats);
    assertThat(caps.resolutions()).startsWith("1280x960", "1280x720").endsWith("160x120");
    assertThat(caps.fpsOptions()).containsExactly(30, 25, 20, 15, 10, 8, 5);

    assertThat(CaptureModeChooser.choose(DEVICE, formats, "1280x720", 30))
        .isEqualTo(new V4l2Capture(DEVICE, "MJPG", "1280x720", 30.0));
  }

  @Test
  void logitechC920WithH264IsCopiedNotEncoded() throws IOException {
    List<VideoFormat> formats = V4l2FormatParser.parse(fixture("logitech-c920.txt"));

    assertThat(formats).extracting(VideoFormat::fourcc).containsExactly("YUYV", "H264", "MJPG");
    assertThat(formats.get(1).description()).isEqualTo("H.264");
    assertThat(size(formats.get(0), "2304x1536").fps()).containsExactly(2.0);

    V4l2Capture mode = CaptureModeChooser.choose(DEVICE, formats, "1280x720", 30);
    assertThat(mode).isEqualTo(new V4l2Capture(DEVICE, "H264", "1280x720", 30.0));
    assertThat(mode.deliversH264()).isTrue();
    assertThat(CaptureModeChooser.choose(DEVICE, formats, "640x480", 15))
        .isEqualTo(new V4l2Capture(DEVICE, "H264", "640x480", 15.0));
  }

  @Test
  void olderLayoutWithPixelFormatAndNameLinesIsRead() throws IOException {
    List<VideoFormat> formats = V4l2FormatParser.parse(fixture("uvc-legacy-layout.txt"));

    assertThat(formats).extracting(VideoFormat::fourcc).containsExactly("MJPG", "YUYV");
    assertThat(formats).extracting(VideoFormat::description).containsExactly("Motion-JPEG", "YUYV 4:2:2");
    assertThat(formats.get(0).sizes()).extracting(VideoFormat.FrameSize::size)
        .containsExactly("1280x720", "640x480", "320x240");
    assertThat(size(formats.get(1), "1280x720").fps()).containsExactly(10.0);
    assertThat(CaptureModeChooser.choose(DEVICE, formats, "1920x1080", 30))
        .isEqualTo(new V4l2Capture(DEVICE, "MJPG", "1280x720", 30.0));
  }

  @Test
  void metadataNodeHasNoCaptureFormats() throws IOException {
    assertThat(V4l2FormatParser.parse(fixture("uvc-metadata-node.txt"))).isEmpty();
  }

  @Test
  void stepwiseSensorOffersTheCommonSizesInItsRange() throws IOException {
    List<VideoFormat> formats = V4l2FormatParser.parse(fixture("rpi-bcm2835-stepwise.txt"));

    assertThat(formats).extracting(VideoFormat::fourcc).containsExactly("YU12", "YUYV", "RGB3", "JPEG", "H264");
    assertThat(formats.get(0).sizes()).extracting(VideoFormat.FrameSize::size)
        .contains("640x480", "1280x720", "1920x1080", "2592x1944").doesNotContain("3840x2160");
    assertThat(CaptureModeChooser.choose(DEVICE, formats, "1280x720", 30))
        .isEqualTo(new V4l2Capture(DEVICE, "H264", "1280x720", 0.0));
  }

  @Test
  void smallerThanEverythingPicksTheSmallestSize() throws IOException {
    List<VideoFormat> formats = V4l2FormatParser.parse(fixture("uvc-legacy-layout.txt"));
    assertThat(CaptureModeChooser.choose(DEVICE, formats, "160x120", 30).size()).isEqualTo("320x240");
  }

  private static VideoFormat.FrameSize size(VideoFormat format, String size) {
    return format.sizes().stream().filter(s -> s.size().equals(size)).findFirst().orElseThrow();
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = V4l2FormatParserTest.class.getResourceAsStream("/v4l2/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
