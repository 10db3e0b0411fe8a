package io.cameraservice.media;

import io.cameraservice.camera.CameraLoop;
import io.cameraservice.process.ChildProcessTracker;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ffmpeg process of a pipeline and the threads that read it: stdout (fragmented MP4), the JPEG socket and
 * stderr (logged with the camera id). Everything it reads is handed to the camera loop; when the loop falls behind
 * by more than {@code pendingLimit} fragments, fragments are dropped and delivery resumes at the next keyframe, so
 * ffmpeg is never slowed down and consumers always get a decodable stream.
 */
final class FfmpegRun implements CaptureRun {

  private static final Logger FFMPEG = LoggerFactory.getLogger("io.cameraservice.media.ffmpeg");
  private static final int STDERR_TAIL = 8;
  /** swscale warns about full-range JPEG pixel formats, which are what JPEG needs; nothing to act on. */
  private static final String BENIGN = "deprecated pixel format used";

  private final String cameraId;
  private final java.util.function.UnaryOperator<String> redact;
  private final CameraLoop loop;
  private final Listener listener;
  private final int pendingLimit;
  private final Path socketPath;
  private final ServerSocketChannel jpegServer;
  private final Process process;
  private final long startedNanos = System.nanoTime();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicReference<byte[]> pendingJpeg = new AtomicReference<>();
  private volatile long droppedFragments;

  private FfmpegRun(String cameraId, java.util.function.UnaryOperator<String> redact, CameraLoop loop,
      Listener listener, int pendingLimit, Path socketPath, ServerSocketChannel jpegServer, Process process) {
    this.cameraId = cameraId;
    this.redact = redact;
    this.loop = loop;
    this.listener = listener;
    this.pendingLimit = pendingLimit;
    this.socketPath = socketPath;
    this.jpegServer = jpegServer;
    this.process = process;
  }

  /**
   * Binds the JPEG socket and starts ffmpeg; its output is read once {@link #startReading} is called. {@code redact}
   * removes secrets (a camera URL's password) from what ffmpeg prints before it is logged. Blocking: call on the
   * process pool.
   */
  static FfmpegRun start(String cameraId, java.util.function.UnaryOperator<String> redact, List<String> command,
      Path socketPath, CameraLoop loop, Listener listener, int pendingLimit) throws IOException {
    Files.deleteIfExists(socketPath);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    Process process;
    try {
      server.bind(UnixDomainSocketAddress.of(socketPath));
      process = ChildProcessTracker.start(new ProcessBuilder(command));
    } catch (IOException | RuntimeException e) {
      server.close();
      Files.deleteIfExists(socketPath);
      throw e;
    }
    FFMPEG.info("[{}] ffmpeg started, pid {}", cameraId, process.pid());
    return new FfmpegRun(cameraId, redact, loop, listener, pendingLimit, socketPath, server, process);
  }

  /**
   * Starts the threads that read ffmpeg's outputs and report to the listener. Called by the owner once it knows this
   * run, so that no report (not even an immediate exit) arrives for a run it does not know yet; until then ffmpeg
   * waits on its full pipes.
   */
  @Override
  public void startReading() {
    thread("mp4", this::readStream);
    thread("jpeg", this::readJpegs);
    thread("log", this::readStderr);
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public long startedNanos() {
    return startedNanos;
  }

  @Override
  public long droppedFragments() {
    return droppedFragments;
  }

  /** The last lines ffmpeg wrote to stderr, newest last. */
  @Override
  public String stderrTail() {
    synchronized (stderrTail) {
      return String.join(" | ", stderrTail);
    }
  }

  /** SIGTERM (ffmpeg ends its outputs cleanly), SIGKILL after {@code graceMillis}. Blocking. */
  @Override
  public void terminate(long graceMillis) {
    ChildProcessTracker.terminate(process, graceMillis);
  }

  @Override
  public void kill() {
    ChildProcessTracker.kill(process);
  }

  private void thread(String role, Runnable body) {
    Thread t = new Thread(body, "cs-" + cameraId + "-" + role);
    t.setDaemon(true);
    t.start();
  }

  private void readStream() {
    BoxReader reader = new BoxReader(process.getInputStream());
    byte[] ftyp = null;
    byte[] moof = null;
    InitSegment init = null;
    boolean resync = false;
    try {
      for (BoxReader.Box box = reader.next(); box != null; box = reader.next()) {
        switch (box.type()) {
          case "ftyp" -> ftyp = box.bytes();
          case "moov" -> {
            InitSegment segment = InitSegment.parse(ftyp == null ? new byte[0] : ftyp, box.bytes());
            init = segment;
            loop.run(() -> listener.init(this, segment));
          }
          case "moof" -> moof = box.bytes();
          case "mdat" -> {
            if (moof != null && init != null) {
              Fragment f = Fragment.parse(moof, box.bytes(), init);
              moof = null;
              resync = post(f, resync);
            }
          }
          default -> { }
        }
      }
    } catch (IOException | RuntimeException e) {
      FFMPEG.warn("[{}] unreadable stream from ffmpeg: {}", cameraId, e.toString());
      kill();
    } finally {
      int status = awaitExit();
      closeJpegServer();
      loop.run(() -> listener.exited(this, status));
    }
  }

  /** Hands a fragment to the loop unless it is too far behind; answers whether to wait for a keyframe. */
  private boolean post(Fragment f, boolean resync) {
    if (resync && !f.keyframe()) {
      droppedFragments++;
      return true;
    }
    if (pending.incrementAndGet() > pendingLimit) {
      pending.decrementAndGet();
      droppedFragments++;
      return true;
    }
    loop.run(() -> {
      pending.decrementAndGet();
      listener.fragment(this, f);
    });
    return false;
  }

  private void readJpegs() {
    try (SocketChannel channel = jpegServer.accept(); InputStream in = Channels.newInputStream(channel)) {
      MultipartJpegReader reader = new MultipartJpegReader(in);
      for (byte[] image = reader.next(); image != null; image = reader.next()) {
        if (pendingJpeg.getAndSet(image) == null) {
          loop.run(() -> {
            byte[] latest = pendingJpeg.getAndSet(null);
            if (latest != null) {
              listener.jpeg(this, Buffer.buffer(latest));
            }
          });
        }
      }
    } catch (IOException e) {
      // The socket is closed when the run ends; nothing more to read.
    }
  }

  private void readStderr() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.contains(BENIGN)) {
          continue;
        }
        String safe = redact.apply(line.strip());
        FFMPEG.warn("[{}] {}", cameraId, safe);
        synchronized (stderrTail) {
          stderrTail.addLast(safe);
          if (stderrTail.size() > STDERR_TAIL) {
            stderrTail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      FFMPEG.debug("[{}] stderr closed: {}", cameraId, e.toString());
    }
  }

  private int awaitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return -1;
    }
  }

  private void closeJpegServer() {
    try {
      jpegServer.close();
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      FFMPEG.debug("[{}] closing the JPEG socket: {}", cameraId, e.toString());
    }
  }
}
