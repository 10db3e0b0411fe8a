package io.cameraservice.bench;

import io.cameraservice.rpc.Timestamps;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar camera-service-bench.jar <command>}: benchmarks against real server processes started from the
 * product jar of the same build. {@code run [NAME...]} writes one JSON result file; {@code compare BASELINE CURRENT}
 * exits 1 on a regression beyond the tolerance. Not part of the product jar: the service never loads this package.
 */
@Command(name = "camera-service-bench",
    description = "Benchmarks against real server processes; results as JSON.",
    subcommands = {BenchMain.Run.class, BenchMain.Compare.class})
public final class BenchMain {

  /** How a result file says it was made (the jar sits next to the product jar it runs). */
  private static final String COMMAND = "java -jar target/camera-service-bench.jar run";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line in-process (used by {@link #main} and by tests) and answers its exit status. */
  public static int run(String... args) {
    return new CommandLine(new BenchMain()).execute(args);
  }

  @Command(name = "run", description = "Run the named scenarios (all when none is named) and write one result "
      + "file; an unknown name prints the list of known ones. See docs/performance.md.")
  static final class Run implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "Scenario names (default: all)")
    List<String> names = new ArrayList<>();

    @Option(names = "--time-scale", defaultValue = "1.0",
        description = "Multiplies every scenario's durations, e.g. 0.1 for a quick check (default ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--client-event-loops", defaultValue = "1", description = "Load generator event loops")
    int clientEventLoops;

    @Option(names = "--out", defaultValue = "bench/results/latest.json", description = "Result file")
    Path out;

    @Override
    public Integer call() throws Exception {
      Map<String, Scenario> all = Scenarios.all();
      List<String> chosen = names.isEmpty() ? new ArrayList<>(all.keySet()) : names;
      for (String name : chosen) {
        if (!all.containsKey(name)) {
          spec.commandLine().getErr().println("unknown scenario " + name + "; known: " + String.join(", ",
              all.keySet()));
          return 2;
        }
      }
      PrintWriter log = spec.commandLine().getErr();
      Path work = Files.createTempDirectory("camera-bench-");
      BenchEnv env = new BenchEnv(work, timeScale, clientEventLoops);
      JsonObject scenarios = new JsonObject();
      for (String name : chosen) {
        log.println("running " + name + " ...");
        log.flush();
        JsonObject result = all.get(name).run(env);
        scenarios.put(name, result);
        log.println(name + ": " + result.encode());
        log.flush();
      }
      JsonObject file = new JsonObject()
          .put("command", COMMAND + " --out " + out
              + (timeScale != 1.0 ? " --time-scale " + timeScale : "")
              + (names.isEmpty() ? "" : " " + String.join(" ", names)))
          .put("timestamp", Timestamps.format(Instant.now()))
          .put("machine", new JsonObject()
              .put("cores", Runtime.getRuntime().availableProcessors())
              .put("java", System.getProperty("java.version"))
              .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version")))
          .put("time_scale", timeScale)
          .put("scenarios", scenarios);
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, file.encodePrettily() + "\n");
      spec.commandLine().getOut().println(out);
      return 0;
    }
  }

  @Command(name = "compare", description = "Compare two result files; exit 1 when a figure regressed beyond the "
      + "tolerance.")
  static final class Compare implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT")
    Path current;

    @Option(names = "--tolerance", defaultValue = "0.15",
        description = "Allowed relative change the wrong way for rates, CPU and memory (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--latency-tolerance", defaultValue = "0.5",
        description = "Allowed relative change for tail latencies (default ${DEFAULT-VALUE})")
    double latencyTolerance;

    @Option(names = "--points-tolerance", defaultValue = "3",
        description = "Allowed change in percentage points for percentages such as RSS growth")
    double pointsTolerance;

    @Override
    public Integer call() throws Exception {
      Comparison comparison = new Comparison(tolerance, latencyTolerance, pointsTolerance);
      List<JsonObject> rows = comparison.compare(new JsonObject(Files.readString(baseline)),
          new JsonObject(Files.readString(current)));
      PrintWriter out = spec.commandLine().getOut();
      for (JsonObject row : rows) {
        boolean points = row.getBoolean("points");
        out.printf("%-10s %-60s %14.3f -> %14.3f  (%+.1f%s, %s is better)%n",
            row.getBoolean("regression") ? "REGRESSION" : "ok", row.getString("figure"), row.getDouble("baseline"),
            row.getDouble("current"), row.getDouble("change") * (points ? 1 : 100), points ? " points" : "%",
            row.getString("better"));
      }
      if (rows.isEmpty()) {
        out.println("nothing to compare: no scenario is in both files");
        return 2;
      }
      return comparison.regressed() ? 1 : 0;
    }
  }
}
