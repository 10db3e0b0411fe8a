package io.cameraservice.bench;

import io.cameraservice.observability.ProcessStats;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** The common shape of throughput results: rate, latency, errors, what the server and the generator spent. */
final class Results {

  private Results() {}

  static JsonObject latencyMs(Histogram micros) {
    return new JsonObject()
        .put("p50", round(micros.getValueAtPercentile(50) / 1000.0))
        .put("p95", round(micros.getValueAtPercentile(95) / 1000.0))
        .put("p99", round(micros.getValueAtPercentile(99) / 1000.0))
        .put("max", round(micros.getMaxValue() / 1000.0));
  }

  /**
   * Measures {@code load} on {@code server}: server CPU and RSS, generator CPU, and the outcome. CPU time is also
   * split into user and kernel time per request: on loopback each side's kernel time includes the other side's
   * receive path, a floor that no change to either program's own code moves.
   */
  static JsonObject measure(BenchServer server, Load load) throws Exception {
    ProcessStats self = new ProcessStats();
    long selfPid = ProcessHandle.current().pid();
    BenchServer.CpuTimes server0 = server.cpuTimes();
    BenchServer.CpuTimes self0 = BenchServer.cpuTimesOf(selfPid);
    long selfCpu0 = self.cpuTimeNanos();
    LoadClient.Outcome outcome = load.run();
    BenchServer.CpuTimes serverTimes = server.cpuTimes().since(server0);
    BenchServer.CpuTimes selfTimes = BenchServer.cpuTimesOf(selfPid).since(self0);
    double serverCpu = serverTimes.total();
    double selfCpu = (self.cpuTimeNanos() - selfCpu0) / 1e9;
    long n = Math.max(1, outcome.requests());
    return new JsonObject()
        .put("requests", outcome.requests())
        .put("errors", outcome.errors())
        .put("first_error", outcome.firstError())
        .put("measured_seconds", round(outcome.seconds()))
        .put("throughput_rps", round(outcome.throughput()))
        .put("latency_ms", latencyMs(outcome.latency()))
        .put("server", new JsonObject()
            .put("cpu_seconds", round(serverCpu))
            .put("cpu_seconds_per_1000_requests", round(serverCpu * 1000 / n))
            .put("cpu_us_per_request", round(serverCpu * 1e6 / n))
            .put("cpu_user_us_per_request", round(serverTimes.user() * 1e6 / n))
            .put("cpu_system_us_per_request", round(serverTimes.system() * 1e6 / n))
            .put("rss_bytes", server.rssBytes()))
        // The generator is this JVM (process CPU time, all threads): on a shared machine what it spends per request
        // is taken from the server, so it is reported beside the server's, and as a share of it.
        .put("generator", new JsonObject()
            .put("cpu_seconds", round(selfCpu))
            .put("cpu_us_per_request", round(selfCpu * 1e6 / n))
            .put("cpu_user_us_per_request", round(selfTimes.user() * 1e6 / n))
            .put("cpu_system_us_per_request", round(selfTimes.system() * 1e6 / n))
            .put("cpu_vs_server", serverCpu > 0 ? round(selfCpu / serverCpu) : null));
  }

  @FunctionalInterface
  interface Load {
    LoadClient.Outcome run() throws Exception;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
