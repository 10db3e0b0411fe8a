package io.cameraservice.process;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
public final class ChildProcessTracker {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcessTracker.class);
  private static final Set<String> ALLOWED_ENV = Set.of("PATH", "LANG", "LANGUAGE", "TZ", "HOME", "TMPDIR");
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcessTracker::killAll, "cs-child-reaper"));
  }

  private ChildProcessTracker() {}

  /**
   * Starts {@code builder} (stdin from /dev/null, only the {@link #childEnvironment} part of its environment, which
   * starts as the service's own) and tracks the process until it exits.
   */
  public static Process start(ProcessBuilder builder) throws java.io.IOException {
    // The service's own environment carries secrets (CAMERA_SERVICE_AUTH_JWT_SECRET, ...) and /proc/PID/environ of
    // a child is readable by the same user and by root tooling: a child gets only what it needs to run.
    Map<String, String> environment = builder.environment();
    Map<String, String> allowed = childEnvironment(environment);
    environment.clear();
    environment.putAll(allowed);
    // A child never reads the service's own stdin (a terminal, or whatever started the service).
    Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return process;
  }

  /**
   * The allow-listed part of {@code parent}: the search path, locale and time zone (ffmpeg's messages and
   * timestamps), and HOME/TMPDIR (libraries that look for a writable place). Nothing else, in particular no
   * CAMERA_SERVICE_* key.
   */
  static Map<String, String> childEnvironment(Map<String, String> parent) {
    Map<String, String> allowed = new TreeMap<>();
    parent.forEach((key, value) -> {
      if (ALLOWED_ENV.contains(key) || key.startsWith("LC_")) {
        allowed.put(key, value);
      }
    });
    return allowed;
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
