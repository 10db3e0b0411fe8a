package io.cameraservice.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.process.Commands;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the fragmented MP4 that ffmpeg writes (made here by real ffmpeg with the pipeline's muxer flags). */
class FragmentTest {

  @TempDir
  Path dir;

  @Test
  void keyframesTimesAndCodecAreReadFromRealFfmpegOutput() throws Exception {
    Path file = dir.resolve("stream.mp4");
    Commands.Result made = Commands.run(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
        "testsrc2=size=320x240:rate=15", "-frames:v", "45", "-c:v", "libx264", "-preset", "ultrafast", "-tune",
        "zerolatency", "-g", "15", "-pix_fmt", "yuv420p", "-f", "mp4", "-movflags",
        "frag_every_frame+empty_moov+default_base_moof", file.toString()), Duration.ofSeconds(30));
    assertThat(made.succeeded()).as(made.reason()).isTrue();

    BoxReader reader = new BoxReader(new ByteArrayInputStream(Files.readAllBytes(file)));
    InitSegment init = InitSegment.parse(reader.next().bytes(), reader.next().bytes());
    assertThat(init.resolution()).isEqualTo("320x240");
    assertThat(init.codec()).matches("avc1\\.[0-9a-f]{6}");
    List<Fragment> fragments = new ArrayList<>();
    byte[] moof = null;
    for (BoxReader.Box box = reader.next(); box != null; box = reader.next()) {
      if (box.type().equals("moof")) {
        moof = box.bytes();
      } else if (box.type().equals("mdat")) {
        fragments.add(Fragment.parse(moof, box.bytes(), init));
      }
    }

    assertThat(fragments).hasSize(45);
    for (int i = 0; i < fragments.size(); i++) {
      assertThat(fragments.get(i).keyframe()).as("fragment %d", i).isEqualTo(i % 15 == 0);
      assertThat(fragments.get(i).samples()).isEqualTo(1);
    }
    Fragment f = fragments.get(20);
    assertThat(f.baseTime()).isEqualTo(20 * f.duration());
    assertThat(f.duration() * 15).isEqualTo(init.timescale());

    Fragment rebased = Fragment.parse(f.rebased(f.baseTime()).getBytes(0, moofLength(f)),
        f.bytes().getBytes(moofLength(f), f.size()), init);
    assertThat(rebased.baseTime()).isZero();
    assertThat(rebased.keyframe()).isEqualTo(f.keyframe());
    assertThat(f.baseTime()).as("the original is untouched").isEqualTo(20 * f.duration());
  }

  private static int moofLength(Fragment f) {
    return f.bytes().getInt(0);
  }
}
