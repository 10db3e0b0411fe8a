package io.cameraservice.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command (v4l2-ctl, ffprobe, a remux) to completion with a time limit. Blocking. */
public final class Commands {

  /** Output beyond this is dropped: the commands run here print a few kilobytes. */
  private static final int MAX_OUTPUT = 1 << 20;

  private Commands() {}

  /** What a command did. {@code timedOut} means it was killed after the limit. */
  public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    /** The last non-blank line of stderr (ffmpeg tools put the reason there), or a description of the failure. */
    public String reason() {
      if (timedOut) {
        return "timed out";
      }
      String[] lines = stderr.strip().split("\n");
      String last = lines[lines.length - 1].strip();
      return last.isEmpty() ? "exit status " + exitCode : last;
    }
  }

  public static Result run(List<String> command, Duration timeout) throws IOException {
    Process process = ChildProcessTracker.start(new ProcessBuilder(command));
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      ChildProcessTracker.kill(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (!finished) {
      ChildProcessTracker.kill(process);
    }
    try {
      return new Result(finished ? process.exitValue() : -1, out.get(5, TimeUnit.SECONDS),
          err.get(5, TimeUnit.SECONDS), !finished);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the output of " + command.get(0), e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("cannot read the output of " + command.get(0), e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
          if (buffer.size() < MAX_OUTPUT) {
            buffer.write(chunk, 0, Math.min(n, MAX_OUTPUT - buffer.size()));
          }
        }
        result.complete(buffer.toString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        result.completeExceptionally(new UncheckedIOException(e));
      }
    }, "cs-command-output");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}
