package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.TokenMinter;
import io.cameraservice.cli.Main;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service under test in a child process of its own ({@code serve --port 0} on this JVM's class path, which holds
 * the product jar of the same build), so that its CPU time and memory are measured apart from the load generator's.
 * Optionally pinned to CPUs with {@code taskset}.
 */
final class BenchServer implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)",
      Pattern.MULTILINE);
  private static final long CLOCK_TICKS_PER_SECOND = 100;
  private static final String JVM_HEAP_MIN = "-Xms256m";
  private static final String JVM_HEAP_MAX = "-Xmx512m";

  private final Process process;
  private final int port;
  private final String secret;

  private BenchServer(Process process, int port, String secret) {
    this.process = process;
    this.port = port;
    this.secret = secret;
  }

  /** Settings (CAMERA_SERVICE_* variables), CPU list for taskset (or null), and the data directory to use. */
  record Options(Map<String, String> settings, String cpus, Path dataDir) {
    Options with(String key, Object value) {
      Map<String, String> next = new HashMap<>(settings);
      next.put(key, String.valueOf(value));
      return new Options(next, cpus, dataDir);
    }

    Options pinnedTo(String cpuList) {
      return new Options(settings, cpuList, dataDir);
    }

    /**
     * {@code count} test-pattern cameras {@code camera0..} at 640x480, 15 fps (the last one with a burned-in clock
     * when {@code timecodeOnLast}), no V4L2 discovery, and no control-class limit for the generator.
     */
    Options withTestPatterns(int count, boolean timecodeOnLast) {
      StringBuilder patterns = new StringBuilder("[");
      for (int i = 0; i < count; i++) {
        patterns.append(i == 0 ? "" : ", ").append("{id: camera").append(i)
            .append(", pattern: testsrc2, size: 640x480, fps: 15")
            .append(timecodeOnLast && i == count - 1 ? ", overlay: timecode}" : "}");
      }
      return with("CAMERA_SERVICE_CAMERAS_TEST_PATTERNS", patterns.append(']'))
          .with("CAMERA_SERVICE_CAMERAS_V4L2_ENABLED", false)
          .with("CAMERA_SERVICE_LIMITS_RATES_CONTROL_PER_SECOND", 1_000_000)
          .with("CAMERA_SERVICE_LIMITS_RATES_CONTROL_BURST", 1_000_000);
    }
  }

  static Options options(Path dataDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put("CAMERA_SERVICE_SERVER_HOST", "127.0.0.1");
    settings.put("CAMERA_SERVICE_LOGGING_LEVEL", "warn");
    // The load generator is one client on one address: lift the per-client guards it would trip over.
    settings.put("CAMERA_SERVICE_LIMITS_MAX_CONNECTIONS", "20000");
    settings.put("CAMERA_SERVICE_LIMITS_MAX_CONNECTIONS_PER_ADDRESS", "20000");
    settings.put("CAMERA_SERVICE_LIMITS_NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND", "100000");
    settings.put("CAMERA_SERVICE_LIMITS_NEW_CONNECTIONS_PER_ADDRESS_BURST", "100000");
    settings.put("CAMERA_SERVICE_LIMITS_RATES_STATUS_PER_SECOND", "1000000");
    settings.put("CAMERA_SERVICE_LIMITS_RATES_STATUS_BURST", "1000000");
    // Throughput scenarios saturate the machine on purpose: a CPU budget the load generator shares would make the
    // service shed load (-32040 overloaded) in the middle of the measurement. The budgets scenario sets its own.
    settings.put("CAMERA_SERVICE_RESOURCES_CPU_PERCENT", "10000");
    return new Options(settings, null, dataDir);
  }

  static BenchServer start(Options options) throws IOException {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Map<String, String> env = new HashMap<>(options.settings());
    env.put("CAMERA_SERVICE_AUTH_JWT_SECRET", secret);
    env.put("CAMERA_SERVICE_STORAGE_DATA_DIR", options.dataDir().toString());
    return launch(options, Main.class.getName(), List.of("serve", "--port", "0"), env, secret);
  }

  /** The bare Vert.x reference server ({@link BareVertxServer}) on a free port, with the same JVM settings. */
  static BenchServer startBareVertx(Options options, int loops) throws IOException {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    return launch(options, BareVertxServer.class.getName(), List.of(String.valueOf(port), String.valueOf(loops)),
        Map.of(), "unused-by-the-bare-server-0123456789");
  }

  private static BenchServer launch(Options options, String mainClass, List<String> args, Map<String, String> env,
      String secret) throws IOException {
    Files.createDirectories(options.dataDir());
    List<String> command = new ArrayList<>();
    if (options.cpus() != null) {
      command.addAll(List.of("taskset", "-c", options.cpus()));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(JVM_HEAP_MIN, JVM_HEAP_MAX, "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    Path log = options.dataDir().resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new BenchServer(process, Integer.parseInt(m.group(1)), secret);
      }
    }
    process.destroyForcibly();
    throw new IOException("server did not start; see " + log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  String token(Role role) {
    Vertx vertx = Vertx.vertx();
    try {
      return new TokenMinter(vertx, secret, Clock.systemUTC()).mint("bench", role, Duration.ofHours(4));
    } finally {
      vertx.close();
    }
  }

  /** User plus system CPU time of the server so far, in seconds (from /proc/PID/stat). */
  double cpuSeconds() throws IOException {
    return cpuSecondsOf(process.pid());
  }

  CpuTimes cpuTimes() throws IOException {
    return cpuTimesOf(process.pid());
  }

  static double cpuSecondsOf(long pid) throws IOException {
    return cpuTimesOf(pid).total();
  }

  /** A process's CPU time so far in seconds, in user mode and in the kernel (system calls, network stack). */
  record CpuTimes(double user, double system) {
    double total() {
      return user + system;
    }

    CpuTimes since(CpuTimes earlier) {
      return new CpuTimes(user - earlier.user, system - earlier.system);
    }
  }

  static CpuTimes cpuTimesOf(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new CpuTimes(Long.parseLong(fields[11]) / (double) CLOCK_TICKS_PER_SECOND,
        Long.parseLong(fields[12]) / (double) CLOCK_TICKS_PER_SECOND);
  }

  /** Resident set size in bytes (VmRSS). */
  long rssBytes() throws IOException {
    return rssBytesOf(process.pid());
  }

  static long rssBytesOf(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** Heap in use (live objects right after {@link #classHistogram()}, which collects first), in bytes. */
  long heapUsedBytes() throws IOException, InterruptedException {
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  /** Bytes per class of live objects (jcmd GC.class_histogram, which collects first). */
  java.util.Map<String, Long> classHistogram() throws IOException, InterruptedException {
    java.util.Map<String, Long> bytes = new java.util.HashMap<>();
    Matcher m = HISTOGRAM_ROW.matcher(jcmd("GC.class_histogram"));
    while (m.find()) {
      bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
    }
    return bytes;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(process.pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
