package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.TokenMinter;
import io.cameraservice.observability.ProcessStats;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench run}: starts the service from this jar in a child process, drives one scenario over real WebSockets
 * and writes a JSON result (throughput, latency percentiles, errors, server CPU per request and RSS, and what the
 * load generator itself used).
 */
@Command(name = "bench", description = "Benchmarks against a real server process; results as JSON.",
    subcommands = {BenchCommand.Run.class})
public final class BenchCommand {

  @Command(name = "run", description = "Run one scenario and write its result file.")
  static final class Run implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "ping",
        description = "Method to repeat (ping, get_server_info, ...), or file_listing (list_recordings over "
            + "--files catalogued recordings) (default ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--params", description = "JSON params for the method")
    String params;

    @Option(names = "--files", defaultValue = "100000", description = "Recordings in the catalog for the "
        + "file_listing scenario (default ${DEFAULT-VALUE})")
    int files;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections, one request in "
        + "flight each (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds, not measured")
    double warmup;

    @Option(names = "--duration", defaultValue = "15", description = "Measured seconds")
    double duration;

    @Option(names = "--event-loops", description = "Server event loops (default: one per core)")
    Integer eventLoops;

    @Option(names = "--server-cpus", description = "taskset CPU list for the server, e.g. 0")
    String serverCpus;

    @Option(names = "--client-event-loops", defaultValue = "1", description = "Load generator event loops")
    int clientEventLoops;

    @Option(names = "--server-jvm-arg", description = "Extra JVM argument for the server (repeatable), e.g. for "
        + "a flight recording")
    List<String> serverJvmArgs = new java.util.ArrayList<>();

    @Option(names = "--jar", defaultValue = "target/camera-service.jar", description = "The service jar")
    Path jar;

    @Option(names = "--out", description = "Result file (default: bench/results/<scenario>-<connections>.json)")
    Path out;

    @Override
    public Integer call() throws Exception {
      JsonObject parsedParams = params == null ? null : new JsonObject(params);
      Scenario chosen = "file_listing".equals(scenario) ? new FileListingScenario(files, parsedParams)
          : new MethodScenario(scenario, parsedParams);
      Path dataDir = Files.createTempDirectory("camera-bench-");
      chosen.prepare(dataDir);
      String secret = randomSecret();
      Map<String, String> env = new HashMap<>(chosen.serverSettings());
      env.put("CAMERA_SERVICE_AUTH_JWT_SECRET", secret);
      env.put("CAMERA_SERVICE_STORAGE_DATA_DIR", dataDir.toString());
      env.put("CAMERA_SERVICE_SERVER_HOST", "127.0.0.1");
      env.put("CAMERA_SERVICE_LOGGING_LEVEL", "warn");
      if (eventLoops != null) {
        env.put("CAMERA_SERVICE_SERVER_EVENT_LOOPS", eventLoops.toString());
      }
      Vertx vertx = Vertx.vertx();
      String token = new TokenMinter(vertx, secret, Clock.systemUTC()).mint("bench", Role.ADMIN, Duration.ofHours(2));
      vertx.close();

      ProcessStats self = new ProcessStats();
      JsonObject result;
      List<String> jvmArgs = new java.util.ArrayList<>(List.of("-Xms256m", "-Xmx512m"));
      jvmArgs.addAll(serverJvmArgs);
      try (ServerProcess server = ServerProcess.start(jar, env, serverCpus, jvmArgs,
          dataDir.resolve("server.log"))) {
        chosen.started(server.port(), token);
        ClosedLoopLoad load = new ClosedLoopLoad(server.port(), connections, token, chosen::request);
        load.run(0, warmup, clientEventLoops);
        double serverCpu0 = server.cpuSeconds();
        long selfCpu0 = self.cpuTimeNanos();
        ClosedLoopLoad.Outcome outcome = load.run(0, duration, clientEventLoops);
        double serverCpu = server.cpuSeconds() - serverCpu0;
        double selfCpu = (self.cpuTimeNanos() - selfCpu0) / 1e9;
        long rss = server.rssBytes();
        chosen.finished(server.port(), token);
        result = result(chosen, outcome, serverCpu, selfCpu, rss);
      }
      // Kept (with server.log) when the run failed, for a look at what went wrong.
      deleteTree(dataDir);
      Path file = out != null ? out : Path.of("bench", "results", chosen.name() + "-" + connections + ".json");
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, result.encodePrettily() + "\n");
      PrintWriter writer = spec.commandLine().getOut();
      writer.println(result.encodePrettily());
      writer.println("written to " + file);
      return 0;
    }

    private JsonObject result(Scenario chosen, ClosedLoopLoad.Outcome outcome, double serverCpu, double selfCpu,
        long rss) {
      Histogram h = outcome.latency();
      long n = Math.max(1, outcome.requests());
      JsonObject details = new JsonObject();
      chosen.details().forEach(details::put);
      return new JsonObject()
          .put("scenario", chosen.name())
          .put("timestamp", Timestamps.format(Instant.now()))
          .put("connections", connections)
          .put("event_loops", eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops)
          .put("server_cpus", serverCpus)
          .put("measured_seconds", outcome.seconds())
          .put("requests", outcome.requests())
          .put("errors", outcome.errors())
          .put("throughput_rps", round(outcome.requests() / outcome.seconds()))
          .put("latency_ms", new JsonObject()
              .put("p50", ms(h.getValueAtPercentile(50)))
              .put("p95", ms(h.getValueAtPercentile(95)))
              .put("p99", ms(h.getValueAtPercentile(99)))
              .put("max", ms(h.getMaxValue())))
          .put("server", new JsonObject()
              .put("cpu_seconds", round(serverCpu))
              .put("cpu_seconds_per_1000_requests", round(serverCpu * 1000 / n))
              .put("cpu_us_per_request", round(serverCpu * 1e6 / n))
              .put("rss_bytes", rss))
          .put("generator", new JsonObject()
              .put("cpu_seconds", round(selfCpu))
              .put("cpu_us_per_request", round(selfCpu * 1e6 / n)))
          .put("machine", new JsonObject()
              .put("cores", Runtime.getRuntime().availableProcessors())
              .put("java", System.getProperty("java.version")))
          .put("details", details);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
      try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }

    private static double ms(long micros) {
      return round(micros / 1000.0);
    }

    private static double round(double value) {
      return Math.round(value * 1000) / 1000.0;
    }

    private static String randomSecret() {
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }
}
