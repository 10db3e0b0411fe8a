package io.cameraservice.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.process.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clock a timecode test pattern burns in is the clock the benchmark reads back, through real H.264. */
class TimecodeTest {

  @TempDir
  Path dir;

  @Test
  void barDrawnByFfmpegReadsBackAsTheWallClock() throws Exception {
    long before = System.currentTimeMillis();
    List<String> encode = new ArrayList<>(List.of("sh", "-c", "ffmpeg -v error -f lavfi -i 'testsrc2=size=640x480:"
        + "rate=15" + Timecode.overlay().replace("'", "'\\''") + "' -frames:v 3 -c:v libx264 -preset ultrafast "
        + "-f mp4 -movflags frag_every_frame+empty_moov - | ffmpeg -v error -f mp4 -i - -vf '"
        + Timecode.readingFilter() + "' -f rawvideo -pix_fmt gray " + dir.resolve("bars.raw")));
    Commands.Result result = Commands.run(encode, Duration.ofSeconds(30));
    long after = System.currentTimeMillis();
    assertThat(result.succeeded()).as(result.reason()).isTrue();

    byte[] frames = Files.readAllBytes(dir.resolve("bars.raw"));
    assertThat(frames).hasSize(3 * Timecode.BITS);
    byte[] first = java.util.Arrays.copyOf(frames, Timecode.BITS);
    long read = Timecode.read(first);
    long sinceBefore = Math.floorMod(read - before, Timecode.MODULUS);
    assertThat(sinceBefore).as("made between the start and the end of this test").isBetween(0L, after - before);
  }
}
