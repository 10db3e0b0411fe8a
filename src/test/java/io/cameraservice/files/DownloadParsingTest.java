package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing that the HTTP client used by DownloadTest cannot drive (it refuses malformed URIs and headers). */
class DownloadParsingTest {

  @Test
  void rangesResolveAgainstTheSize() {
    assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
    assertThat(ByteRange.parse("bytes=90-200", 100)).isEqualTo(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-200", 100)).isEqualTo(new ByteRange(0, 99));
    assertThat(ByteRange.parse("bytes=100-", 100)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=-0", 100)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=0-0", 0)).isSameAs(ByteRange.UNSATISFIABLE);
    for (String whole : new String[] {null, "items=0-1", "bytes=5-1", "bytes=a-b", "bytes=-", "bytes=1-2,4-5",
        "bytes=7"}) {
      assertThat(ByteRange.parse(whole, 100)).as(whole).isSameAs(ByteRange.WHOLE);
    }
  }

  @Test
  void pathSegmentsDecodeStrictly() {
    assertThat(DownloadRoutes.decode("a%20b.mp4")).isEqualTo("a b.mp4");
    assertThat(DownloadRoutes.decode("%C3%A9.jpg")).isEqualTo("é.jpg");
    assertThat(DownloadRoutes.decode("%2e%2e%2f")).isEqualTo("../");
    assertThat(DownloadRoutes.decode("%zz")).isNull();
    assertThat(DownloadRoutes.decode("%2")).isNull();
    assertThat(DownloadRoutes.decode("%c3%28")).isNull();
  }

  @Test
  void dispositionKeepsQuotesOutOfTheQuotedName() {
    assertThat(DownloadRoutes.disposition("a\"b.mp4"))
        .isEqualTo("attachment; filename=\"a_b.mp4\"; filename*=UTF-8''a%22b.mp4");
  }

  @Test
  void fileNameRules() {
    assertThat(FileNames.violation("camera0_2026-11-27_14-30-00.mp4")).isNull();
    assertThat(FileNames.violation("a..b.mp4")).isNotNull();
    assertThat(FileNames.violation("é".repeat(128))).contains("255 bytes");
    assertThat(FileNames.violation("x\u007f.mp4")).isNotNull();
    assertThat(FileNames.stem("a.b.mp4")).isEqualTo("a.b");
    assertThat(FileNames.stem(".hidden")).isEqualTo(".hidden");
  }
}
