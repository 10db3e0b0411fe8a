package io.cameraservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.cli.Main;
import io.cameraservice.testing.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration errors read as one line per problem, naming the key, through the real command line: no stack trace,
 * no library class name, every problem of a file in one run.
 */
class ConfigErrorsTest {

  private static final String SECRET = "a-secret-that-is-long-enough-0123456789";

  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** The lines the CLI printed, after checking that none of them is a Java or library internal. */
  private static List<String> problemLines(Cli.Result result) {
    String all = result.out() + result.err();
    assertThat(all).doesNotContain("Exception", "\tat ", "at io.", "org.yaml", "com.fasterxml", "snakeyaml");
    return result.err().lines().toList();
  }

  private static Cli.Result check(Path f) {
    return Cli.run("config", "check", f.toString());
  }

  @Test
  void aDuplicateSectionIsAnErrorNamingTheKey() throws Exception {
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nserver: {host: 127.0.0.1}\nserver: {port: 1}\n");
    Cli.Result result = check(f);
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(problemLines(result)).containsExactly(f + ": duplicate key 'server' at line 3");
  }

  @Test
  void aDuplicateNestedKeyIsNamedByItsDottedPath() throws Exception {
    Path f = file("auth:\n  jwt_secret: " + SECRET + "\n  permissions:\n    get_status: viewer\n"
        + "    get_status: admin\n");
    assertThat(problemLines(check(f))).containsExactly(f + ": duplicate key 'auth.permissions.get_status' at line 5");
  }

  @Test
  void aDuplicateKeyInsideAnEnvironmentValueIsNamed() {
    List<String> problems = ConfigLoaderTest.problems(
        Map.of("CAMERA_SERVICE_CAMERAS_TEST_PATTERNS", "[{id: camera1, id: camera2}]"), null, false);
    assertThat(problems).containsExactly("CAMERA_SERVICE_CAMERAS_TEST_PATTERNS: duplicate key '[0].id' at line 1");
  }

  @Test
  void junkInAnEnvironmentValueIsOneLineWithoutParserInternals() {
    List<String> problems = ConfigLoaderTest.problems(
        Map.of("CAMERA_SERVICE_CAMERAS_TEST_PATTERNS", "[{"), null, false);
    assertThat(problems).containsExactly("CAMERA_SERVICE_CAMERAS_TEST_PATTERNS: not valid YAML: expected the node "
        + "content, but found '<stream end>' at line 1, column 3");
    problems = ConfigLoaderTest.problems(
        Map.of("CAMERA_SERVICE_CAMERAS_TEST_PATTERNS", "[1, {id: camera2, bogus: x}]"), null, false);
    assertThat(problems).containsExactly("cameras.test_patterns[0]: must be a mapping (got an integer)",
        "cameras.test_patterns[1].bogus: unknown key");
    assertThat(String.join("\n", problems)).doesNotContain("io.cameraservice", "Cannot construct");
  }

  @Test
  void aNumberTooLargeNamesTheRange() throws Exception {
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nlimits: {max_connections: 99999999999999999999}\n");
    assertThat(problemLines(check(f))).containsExactly("limits.max_connections: must be an integer between "
        + "-2147483648 and 2147483647 (got 99999999999999999999)");
    assertThat(ConfigLoaderTest.problems(Map.of("CAMERA_SERVICE_SERVER_PORT", "99999999999999999999"), null, false))
        .containsExactly("CAMERA_SERVICE_SERVER_PORT: must be an integer between -9223372036854775808 and "
            + "9223372036854775807 (got 99999999999999999999)");
  }

  @Test
  void aBlankSecretIsRefusedAndNotPrinted() throws Exception {
    String blank = " ".repeat(40);
    Path f = file("auth: {jwt_secret: \"" + blank + "\"}\n");
    Cli.Result result = check(f);
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(problemLines(result)).containsExactly("auth.jwt_secret: must not be blank (only white space)");
  }

  @Test
  void configCheckReportsUnknownKeysTypeAndRangeErrorsInOneRun() throws Exception {
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nserver:\n  colour: blue\n  event_loops: many\n"
        + "  port: 70000\n");
    Cli.Result result = check(f);
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(problemLines(result)).containsExactly("server.colour: unknown key",
        "server.event_loops: must be an integer (got a string)",
        "server.port: must be between 0 and 65535 (got 70000)");
  }

  @Test
  void anOriginThatIsNotOneIsNamedByItsListEntry() throws Exception {
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nserver:\n  allowed_origins: [\"https://console.example:8443\", "
        + "\"*\", \"ftp://files.example\", \"https://console.example/app\", console.example, 42]\n");
    String rule = "must be an origin such as https://console.example:8443 (scheme http or https, a host, an optional "
        + "port, no path) or \"*\" (got ";
    assertThat(problemLines(check(f))).containsExactly(
        "server.allowed_origins[2]: " + rule + "'ftp://files.example')",
        "server.allowed_origins[3]: " + rule + "'https://console.example/app')",
        "server.allowed_origins[4]: " + rule + "'console.example')",
        "server.allowed_origins[5]: " + rule + "'42')");
  }

  @Test
  void anUnknownFileGroupIsNamed() throws Exception {
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nstorage: {file_group: no-such-group-here}\n");
    assertThat(problemLines(check(f)))
        .containsExactly("storage.file_group: must name a group of this system (got 'no-such-group-here')");
  }

  @Test
  void anUnresolvableHostIsNamedAtStartUp() throws Exception {
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nserver: {host: foo.invalid}\nstorage: {data_dir: "
        + dir.resolve("data") + "}\n");
    Cli.Result result = Cli.run("serve", "--config", f.toString(), "--port", "0");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(problemLines(result)).contains("config: server.host: cannot resolve 'foo.invalid'");
  }

  @Test
  void aPortInUseIsNamedAtStartUp() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path f = file("auth: {jwt_secret: " + SECRET + "}\nserver: {host: 127.0.0.1}\nstorage: {data_dir: "
          + dir.resolve("data") + "}\n");
      Cli.Result result = Cli.run("serve", "--config", f.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertThat(result.exitCode()).isEqualTo(Main.EXIT_CONFIG);
      assertThat(problemLines(result)).contains("config: server.port: cannot listen on '127.0.0.1' port "
          + taken.getLocalPort() + ": address already in use");
    }
  }

  @Test
  void anUnusableDataDirectoryIsNamedAtStartUp() throws Exception {
    // Under a regular file: refused even to root, for whom permission bits do not count.
    Files.writeString(dir.resolve("afile"), "x");
    Path data = dir.resolve("afile").resolve("sub");
    Path f = file("auth: {jwt_secret: " + SECRET + "}\nstorage: {data_dir: " + data + "}\n");
    Cli.Result result = Cli.run("serve", "--config", f.toString(), "--port", "0");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(problemLines(result)).containsExactly("config: storage.data_dir: cannot create/write '" + data
        + "': not a directory");
  }
}
