package io.cameraservice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.cli.Main;
import io.cameraservice.testing.Cli;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's entry point end to end, very briefly: a real server process, real load, a result file, a compare. */
class BenchSmokeTest {

  @TempDir
  Path dir;

  @Test
  void runWritesAResultThatComparesCleanAgainstItself() throws Exception {
    Path out = dir.resolve("result.json");
    Cli.Result run = Cli.run(BenchMain::run, "run", "ping_16", "ping_16x8", "flood_list_recordings", "--time-scale", "0.05",
        "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonObject result = new JsonObject(Files.readString(out));
    assertThat(result.getString("command")).startsWith("java -jar target/camera-service-bench.jar run --out ");
    JsonObject ping = result.getJsonObject("scenarios").getJsonObject("ping_16");
    assertThat(ping.getLong("requests")).isPositive();
    assertThat(ping.getLong("errors")).isZero();
    assertThat(ping.getJsonObject("server").getDouble("cpu_us_per_request")).isPositive();
    assertThat(ping.getJsonObject("generator").getDouble("cpu_vs_server")).isPositive();
    JsonObject pipelined = result.getJsonObject("scenarios").getJsonObject("ping_16x8");
    assertThat(pipelined.getInteger("in_flight_per_connection")).isEqualTo(8);
    assertThat(pipelined.getLong("requests")).isPositive();
    assertThat(pipelined.getLong("errors")).isZero();
    JsonObject flood = result.getJsonObject("scenarios").getJsonObject("flood_list_recordings");
    assertThat(flood.getLong("answered")).isEqualTo(flood.getLong("sent"));
    assertThat(flood.getLong("served") + flood.getLong("rejected")).isEqualTo(flood.getLong("sent"));
    assertThat(flood.getLong("rejected")).isPositive();

    Cli.Result same = Cli.run(BenchMain::run, "compare", out.toString(), out.toString());
    assertThat(same.exitCode()).as(same.out()).isZero();

    JsonObject worse = result.copy();
    JsonObject worsePing = worse.getJsonObject("scenarios").getJsonObject("ping_16");
    worsePing.put("throughput_rps", ping.getDouble("throughput_rps") / 2);
    Path worseFile = dir.resolve("worse.json");
    Files.writeString(worseFile, worse.encode());
    Cli.Result regression = Cli.run(BenchMain::run, "compare", out.toString(), worseFile.toString());
    assertThat(regression.exitCode()).isEqualTo(1);
    assertThat(regression.out()).contains("REGRESSION").contains("ping_16.throughput_rps");

    assertThat(Cli.run(BenchMain::run, "run", "no_such_scenario").exitCode()).isEqualTo(2);
  }

  @Test
  void theProductNeitherShipsNorOffersTheBenchmark() throws Exception {
    // The product jar is made of the product's class directory; the bench compiles into a directory of its own.
    Path productClasses = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(productClasses.resolve("io/cameraservice/cli/Main.class")).exists();
    assertThat(productClasses.resolve("io/cameraservice/bench")).doesNotExist();

    Cli.Result bench = Cli.run("bench", "run", "ping_16");
    assertThat(bench.exitCode()).isEqualTo(2);
    assertThat(bench.err()).contains("Unmatched argument");
  }
}
