package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.cameraservice.media.Timecode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The media pipelines under a real server process (method and figures in docs/media.md):
 * <ul>
 *   <li>cost: one test-pattern camera (640x480, 15 fps) recording and watched by 10 live viewers; the number of
 *       ffmpeg processes, ffmpeg's CPU, the server's CPU with 10 and with 0 viewers, hence per viewer;</li>
 *   <li>the same encode run by ffmpeg alone, as a reference taken on the same (shared) machine at the same time;</li>
 *   <li>snapshot latency (take_snapshot round trip) from a running and from an idle camera;</li>
 *   <li>glass-to-viewer latency: the camera burns the wall clock into its pictures (a Gray-coded bar), a viewer
 *       decodes the live WebSocket stream with ffmpeg and compares the clock it reads with its own.</li>
 * </ul>
 */
final class MediaScenario implements Scenario {

  private static final int VIEWERS = 10;
  private static final String SOURCE = "testsrc2=size=640x480:rate=15";

  @Override
  public String name() {
    return "media";
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    BenchServer.Options options = env.server("media").withTestPatterns(2, true)
        .with("CAMERA_SERVICE_MEDIA_AUTO_CLOSE_AFTER_SECONDS", 1);
    try (BenchServer server = BenchServer.start(options); LoadClient client = new LoadClient(1);
        BenchRpc rpc = new BenchRpc(server.port(), server.token(Role.ADMIN))) {
      JsonObject cost = cost(env, server, client, rpc);
      JsonObject reference = reference(env);
      JsonObject snapshots = snapshots(rpc);
      JsonObject latency = latency(env, client, server, rpc);
      return new JsonObject()
          .put("camera", "testsrc2 640x480 15 fps, libx264 ultrafast/zerolatency, JPEG side stream 5 fps")
          .put("cost", cost)
          .put("reference_ffmpeg_alone", reference)
          .put("snapshot_latency_ms", snapshots)
          .put("glass_to_viewer_latency_ms", latency)
          .put("note", "2-core machine shared with other sessions: CPU figures move with their load; the "
              + "reference is measured in the same run for comparison");
    }
  }

  private JsonObject cost(BenchEnv env, BenchServer server, LoadClient client, BenchRpc rpc) throws Exception {
    Duration window = env.seconds(20);
    double seconds = window.toMillis() / 1000.0;
    rpc.result("start_recording", new JsonObject().put("device", "camera0"));
    Thread.sleep(env.seconds(5).toMillis());
    double sv0 = server.cpuSeconds();
    Thread.sleep(window.toMillis());
    double serverWithout = (server.cpuSeconds() - sv0) / seconds * 100;

    String path = rpc.result("get_camera_status", new JsonObject().put("device", "camera0"))
        .getJsonObject("streams").getString("mse");
    AtomicLong bytes = new AtomicLong();
    AtomicLong fragments = new AtomicLong();
    List<WebSocket> viewers = new ArrayList<>();
    // Held until the end: a Vert.x client that becomes unreachable is closed, with its connections.
    WebSocketClient viewerClient = client.vertx().createWebSocketClient();
    for (int i = 0; i < VIEWERS; i++) {
      viewers.add(viewerClient.webSocket().binaryMessageHandler(b -> {
        bytes.addAndGet(b.length());
        fragments.incrementAndGet();
      }).connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI(path))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
    // Long enough for the JIT to have compiled the viewer path before it is measured.
    Thread.sleep(env.seconds(10).toMillis());
    List<Long> ffmpeg = ffmpegOf(server.pid());
    if (ffmpeg.size() != 1) {
      throw new IllegalStateException("expected one ffmpeg, found " + ffmpeg);
    }
    long pid = ffmpeg.get(0);
    double ff0 = BenchServer.cpuSecondsOf(pid);
    double sv1 = server.cpuSeconds();
    long bytes0 = bytes.get();
    long fragments0 = fragments.get();
    Thread.sleep(window.toMillis());
    double ffmpegCpu = (BenchServer.cpuSecondsOf(pid) - ff0) / seconds * 100;
    double serverWith = (server.cpuSeconds() - sv1) / seconds * 100;
    double perViewerMbps = (bytes.get() - bytes0) * 8 / seconds / 1e6 / VIEWERS;
    double perViewerFps = (fragments.get() - fragments0) / seconds / VIEWERS;
    viewers.forEach(WebSocket::close);
    viewerClient.close();
    rpc.result("stop_recording", new JsonObject().put("device", "camera0"));
    return new JsonObject()
        .put("viewers", VIEWERS)
        .put("recording", true)
        .put("ffmpeg_processes", ffmpeg.size())
        .put("ffmpeg_cpu_percent_of_one_core", Results.round(ffmpegCpu))
        .put("server_cpu_percent_of_one_core_with_viewers", Results.round(serverWith))
        .put("server_cpu_percent_of_one_core_without_viewers", Results.round(serverWithout))
        .put("server_cpu_percent_per_viewer", Results.round((serverWith - serverWithout) / VIEWERS))
        .put("viewer_mbps", Results.round(perViewerMbps))
        .put("viewer_fps", Results.round(perViewerFps))
        .put("measured_seconds", seconds);
  }

  /** The pipeline's H.264 encode by ffmpeg alone (no JPEG side stream, no service), for comparison. */
  private JsonObject reference(BenchEnv env) throws Exception {
    Duration window = env.seconds(20);
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-t",
        String.valueOf(window.toMillis() / 1000.0), "-f", "lavfi", "-i", SOURCE, "-c:v", "libx264", "-preset",
        "ultrafast", "-tune", "zerolatency", "-g", "15", "-pix_fmt", "yuv420p", "-f", "null", "-")
        .redirectErrorStream(true).start();
    double cpu = 0;
    long started = System.nanoTime();
    while (ffmpeg.isAlive()) {
      cpu = BenchServer.cpuSecondsOf(ffmpeg.pid());
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new JsonObject().put("command", "ffmpeg -re -f lavfi -i " + SOURCE
            + " -c:v libx264 -preset ultrafast -tune zerolatency -g 15 -f null -")
        .put("cpu_percent_of_one_core", Results.round(cpu / seconds * 100));
  }

  private JsonObject snapshots(BenchRpc rpc) throws Exception {
    JsonObject camera = new JsonObject().put("device", "camera0");
    rpc.result("start_recording", camera);
    Histogram active = new Histogram(3);
    for (int i = 0; i < 50; i++) {
      long t0 = System.nanoTime();
      rpc.result("take_snapshot", camera);
      active.recordValue((System.nanoTime() - t0) / 1000);
    }
    rpc.result("stop_recording", camera);
    Histogram idle = new Histogram(3);
    for (int i = 0; i < 10; i++) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!"INACTIVE".equals(rpc.result("get_stream_status", camera).getString("status"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("camera0 did not go idle");
        }
        Thread.sleep(50);
      }
      long t0 = System.nanoTime();
      rpc.result("take_snapshot", camera);
      idle.recordValue((System.nanoTime() - t0) / 1000);
    }
    return new JsonObject()
        .put("active", Results.latencyMs(active).put("samples", active.getTotalCount()))
        .put("idle", Results.latencyMs(idle).put("samples", idle.getTotalCount()));
  }

  /**
   * camera1 burns the wall-clock milliseconds (mod 2^20) into a Gray-coded bar when each frame is made. A viewer
   * receives the live WebSocket stream, an ffmpeg decoder turns it back into pictures (one thread, no buffering,
   * like a browser's low-latency path), and each decoded bar is compared with the clock at that moment.
   */
  private JsonObject latency(BenchEnv env, LoadClient client, BenchServer server, BenchRpc rpc) throws Exception {
    String path = rpc.result("get_camera_status", new JsonObject().put("device", "camera1"))
        .getJsonObject("streams").getString("mse");
    Process decoder = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-threads",
        "1", "-flags", "low_delay", "-probesize", "32", "-analyzeduration", "0", "-f", "mp4",
        "-i", "pipe:0", "-vf", Timecode.readingFilter(), "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-flush_packets",
        "1", "pipe:1")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    OutputStream toDecoder = decoder.getOutputStream();
    // Each fragment after the init segment is one frame, and the decoder emits frames in order: the k-th decoded
    // frame arrived in the k-th fragment, which splits the latency into transport and decoding.
    java.util.concurrent.BlockingQueue<Long> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
    boolean[] initSeen = new boolean[1];
    WebSocketClient viewerClient = client.vertx().createWebSocketClient();
    WebSocket ws = viewerClient.webSocket().binaryMessageHandler(b -> {
      if (initSeen[0]) {
        arrivals.add(System.currentTimeMillis());
      }
      initSeen[0] = true;
      write(toDecoder, b);
    }).connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI(path))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Histogram latency = new Histogram(3);
    Histogram receipt = new Histogram(3);
    long measureFrom = System.nanoTime() + env.seconds(2).toNanos(); // past the GOP a joining viewer starts with
    long until = measureFrom + env.seconds(20).toNanos();
    try (InputStream frames = decoder.getInputStream()) {
      byte[] bar = new byte[Timecode.BITS];
      while (System.nanoTime() < until) {
        if (frames.readNBytes(bar, 0, bar.length) < bar.length) {
          throw new IllegalStateException("the decoder stopped");
        }
        long now = System.currentTimeMillis();
        Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
        if (System.nanoTime() >= measureFrom && arrived != null) {
          long made = Timecode.read(bar);
          long ms = Math.floorMod(now - made, Timecode.MODULUS);
          long received = Math.floorMod(arrived - made, Timecode.MODULUS);
          if (ms < 10_000 && received <= ms) {
            latency.recordValue(ms * 1000);
            receipt.recordValue(received * 1000);
          }
        }
      }
    } finally {
      ws.close();
      viewerClient.close();
      decoder.destroyForcibly();
    }
    return Results.latencyMs(latency).put("samples", latency.getTotalCount())
        .put("until_received", Results.latencyMs(receipt))
        .put("method", "wall-clock ms burned into each frame as a Gray-coded bar at generation; read back after "
            + "decoding the /live/camera1.ws stream with ffmpeg (1 thread, low_delay); until_received: the same "
            + "clock against the arrival of the frame's fragment at the viewer");
  }

  private static void write(OutputStream out, Buffer data) {
    try {
      out.write(data.getBytes());
      out.flush();
    } catch (IOException e) {
      // the decoder is gone; the reading side notices
    }
  }

  private static List<Long> ffmpegOf(long pid) {
    return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
        .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
        .map(ProcessHandle::pid).toList();
  }
}
