package io.cameraservice.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.process.Commands;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Settings and checks shared by the tests that run real ffmpeg pipelines on lavfi test patterns. */
public final class MediaTesting {

  private MediaTesting() {}

  /**
   * Test-pattern cameras {@code camera0..} at 320x240, 15 fps; V4L2 off (the host's devices are not the test's
   * business); fast restarts; rate limits out of the way.
   */
  public static Consumer<ObjectNode> testPatterns(int count) {
    return tree -> {
      ObjectNode cameras = tree.with("cameras");
      ArrayNode patterns = cameras.putArray("test_patterns");
      for (int i = 0; i < count; i++) {
        patterns.addObject().put("id", "camera" + i).put("pattern", "testsrc2").put("size", "320x240")
            .put("fps", 15);
      }
      cameras.with("v4l2").put("enabled", false);
      tree.with("media").with("restart").put("initial_delay_ms", 200).put("max_delay_ms", 800);
      // Tests poll status and metrics in tight loops; the rate limits are another feature's business.
      ObjectNode rates = tree.with("limits").with("rates");
      for (String rateClass : new String[] {"status", "admin", "control"}) {
        rates.with(rateClass).put("per_second", 100_000).put("burst", 100_000);
      }
    };
  }

  /** Both customisations, in order. */
  public static Consumer<ObjectNode> and(Consumer<ObjectNode> first, Consumer<ObjectNode> second) {
    return first.andThen(second);
  }

  /** What ffprobe says about a media file: {@code format} and the first video {@code stream}. */
  public static JsonObject probe(Path file) {
    try {
      Commands.Result r = Commands.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
          "format=duration,format_name:stream=codec_name,width,height,nb_read_frames", "-count_frames", "-of",
          "json", file.toString()), Duration.ofSeconds(30));
      if (!r.succeeded()) {
        throw new AssertionError("ffprobe cannot read " + file + ": " + r.reason());
      }
      JsonObject out = new JsonObject(r.stdout());
      return new JsonObject().put("format", out.getJsonObject("format"))
          .put("stream", out.getJsonArray("streams").getJsonObject(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ffmpeg PIDs of running pipelines, from the admin metrics. */
  public static List<Long> pipelinePids(RpcClient admin) {
    JsonObject cameras = admin.result("get_metrics", null).getJsonObject("camera_metrics")
        .getJsonObject("cameras");
    List<Long> pids = new ArrayList<>();
    for (String id : cameras.fieldNames()) {
      Long pid = cameras.getJsonObject(id).getLong("ffmpeg_pid");
      if (pid != null) {
        pids.add(pid);
      }
    }
    return pids;
  }

  /** {@link Poll#until} for a condition, failing with what was awaited. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    Poll.until("waiting for " + what, condition::getAsBoolean, done -> done, timeout);
  }

  /** A {@code camera_status_update} for {@code device} with {@code status}. */
  public static boolean cameraUpdate(JsonObject n, String device, String status) {
    return "camera_status_update".equals(n.getString("method"))
        && device.equals(n.getJsonObject("params").getString("device"))
        && status.equals(n.getJsonObject("params").getString("status"));
  }

  /** A {@code recording_status_update} with {@code status}. */
  public static boolean recordingUpdate(JsonObject n, String status) {
    return "recording_status_update".equals(n.getString("method"))
        && status.equals(n.getJsonObject("params").getString("status"));
  }

  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
