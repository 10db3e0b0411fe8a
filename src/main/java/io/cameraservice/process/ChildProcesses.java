package io.cameraservice.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every child process the service starts is tracked here until it exits, so that none outlives the service: a stop
 * terminates each one with its descendants (SIGTERM, then SIGKILL after a grace period), and a JVM shutdown hook
 * kills whatever is left when the JVM exits by any other path.
 */
public final class ChildProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "cs-child-reaper"));
  }

  private ChildProcesses() {}

  /** Starts {@code builder} (stdin from /dev/null) and tracks the process until it exits. */
  public static Process start(ProcessBuilder builder) throws java.io.IOException {
    // A child never reads the service's own stdin (a terminal, or whatever started the service).
    Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return process;
  }

  /** PIDs of tracked children that are still alive. */
  public static List<Long> livePids() {
    return LIVE.stream().filter(Process::isAlive).map(Process::pid).toList();
  }

  /**
   * Asks the process and its descendants to end (SIGTERM, which lets ffmpeg finish its output), waits up to
   * {@code graceMillis}, then kills what is left. Blocking: call off the event loop.
   */
  public static void terminate(Process process, long graceMillis) {
    List<ProcessHandle> tree = treeOf(process);
    tree.forEach(ProcessHandle::destroy);
    try {
      process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(handle -> {
      LOG.warn("pid {} ignored SIGTERM for {} ms, killing it", handle.pid(), graceMillis);
      handle.destroyForcibly();
    });
    try {
      process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL for the process and its descendants, without waiting. */
  public static void kill(Process process) {
    treeOf(process).forEach(ProcessHandle::destroyForcibly);
  }

  /** Kills every tracked child (the JVM is going away). */
  public static void killAll() {
    for (Process process : LIVE) {
      kill(process);
    }
  }

  private static List<ProcessHandle> treeOf(Process process) {
    // Descendants first, so a parent cannot respawn a child it is about to lose.
    return Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
  }
}
