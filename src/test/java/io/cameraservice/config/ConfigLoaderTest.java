package io.cameraservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cameraservice.app.ConfigChecks;
import io.cameraservice.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String SECRET = "a-secret-that-is-long-enough-0123456789";

  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** The problems the loader reports; fails the test when the configuration is accepted. */
  static List<String> problems(Map<String, String> env, Path file, boolean secret) {
    try {
      ConfigLoader.withEnvironment(env).requireSecret(secret).checks(ConfigChecks.ALL).load(file);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("configuration was accepted");
  }

  @Test
  void defaultsApplyWithoutAFile() {
    ServiceConfig config = ConfigLoader.withEnvironment(Map.of()).load(null);
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().port()).isEqualTo(8002);
    assertThat(config.server().maxMessageBytes()).isEqualTo(1 << 20);
    assertThat(config.auth().clockSkewSeconds()).isEqualTo(30);
    assertThat(config.limits().authFailures().max()).isEqualTo(10);
    assertThat(config.limits().authFailures().windowSeconds()).isEqualTo(60);
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws Exception {
    Path f = file("server:\n  port: 9000\n  host: 127.0.0.1\nstorage:\n  data_dir: /srv/cams\n");
    ServiceConfig config = ConfigLoader.withEnvironment(Map.of(
        "CAMERA_SERVICE_SERVER_PORT", "9100",
        "CAMERA_SERVICE_AUTH_JWT_SECRET", SECRET,
        "CAMERA_SERVICE_LIMITS_AUTH_FAILURES_MAX", "4",
        "CAMERA_SERVICE_AUTH_PERMISSIONS", "{get_status: viewer}",
        "PATH", "/usr/bin")).requireSecret(true).load(f);
    assertThat(config.server().port()).isEqualTo(9100);
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.storage().dataDir()).isEqualTo("/srv/cams");
    assertThat(config.auth().jwtSecret()).isEqualTo(SECRET);
    assertThat(config.limits().authFailures().max()).isEqualTo(4);
    assertThat(config.auth().permissions()).containsEntry("get_status", "viewer");
  }

  @Test
  void everyProblemIsReportedWithItsKey() throws Exception {
    Path f = file("server:\n  port: 70000\n  colour: blue\n  host: [a]\nauth:\n  clock_skew_seconds: -1\n"
        + "  permissions:\n    get_status: superuser\n"
        + "logging:\n  level: loud\n");
    List<String> problems = problems(Map.of("CAMERA_SERVICE_SERVER_PROT", "1"), f, false);
    assertThat(problems).anyMatch(p -> p.startsWith("server.colour: unknown key"))
        .anyMatch(p -> p.startsWith("server.host: must be a string"))
        .anyMatch(p -> p.startsWith("CAMERA_SERVICE_SERVER_PROT: unknown setting"));
  }

  @Test
  void rangeAndValueRulesAreReportedTogether() throws Exception {
    Path f = file("server:\n  port: 70000\nauth:\n  clock_skew_seconds: -1\n"
        + "  permissions:\n    get_status: superuser\nlogging:\n  level: loud\n");
    List<String> problems = problems(Map.of(), f, false);
    assertThat(problems).contains("server.port: must be between 0 and 65535 (got 70000)")
        .contains("auth.clock_skew_seconds: must be between 0 and 3600 (got -1)")
        .anyMatch(p -> p.startsWith("auth.permissions.get_status: must be one of viewer, operator, admin"))
        .anyMatch(p -> p.startsWith("logging.level: must be one of"));
  }

  @Test
  void wrongTypesAreNamed() throws Exception {
    List<String> problems = problems(Map.of("CAMERA_SERVICE_SERVER_EVENT_LOOPS", "many"),
        file("server:\n  port: \"eighty\"\n  websocket_compression: 3\n"), false);
    assertThat(problems).contains("server.port: must be an integer (got a string)")
        .contains("server.websocket_compression: must be true or false (got an integer)")
        .contains("CAMERA_SERVICE_SERVER_EVENT_LOOPS: must be an integer");
  }

  @Test
  void secretIsRequiredAndMustBeLongEnoughButNeverPrinted() {
    assertThat(problems(Map.of(), null, true)).anyMatch(p -> p.startsWith("auth.jwt_secret: is required"));
    List<String> shortSecret = problems(Map.of("CAMERA_SERVICE_AUTH_JWT_SECRET", "short-secret"), null, true);
    assertThat(shortSecret).containsExactly("auth.jwt_secret: must be at least 32 bytes long");
    assertThat(String.join("\n", shortSecret)).doesNotContain("short-secret");
  }

  @Test
  void unreadableAndMalformedFilesAreProblemsToo() throws Exception {
    assertThat(problems(Map.of(), dir.resolve("missing.yaml"), false)).anyMatch(p -> p.endsWith("file not found"));
    assertThat(problems(Map.of(), file("server: [unclosed\n"), false)).anyMatch(p -> p.contains("not valid YAML"));
    assertThat(problems(Map.of(), file("- just\n- a list\n"), false))
        .anyMatch(p -> p.contains("must be a YAML mapping"));
  }

  @Test
  void configCheckExitsTwoAndNamesTheKey() throws Exception {
    Path bad = file("server:\n  port: 70000\n");
    Cli.Result result = Cli.run("config", "check", bad.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("server.port: must be between 0 and 65535");
  }

  @Test
  void configCheckAcceptsAUsableFile() throws Exception {
    Path good = file("server:\n  port: 8100\nauth:\n  jwt_secret: " + SECRET + "\n");
    Cli.Result result = Cli.run("config", "check", good.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("OK");
  }

  @Test
  void serveRefusesToStartWithABadConfigurationAndExitsTwo() throws Exception {
    Path bad = file("server:\n  port: 8100\n  bogus: 1\nauth:\n  jwt_secret: " + SECRET + "\n");
    Cli.Result result = Cli.run("serve", "--config", bad.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("server.bogus: unknown key");
  }

  @Test
  void authSettingsNeverPrintTheSecret() {
    AuthSettings auth = new AuthSettings(SECRET, 30, Map.of());
    assertThat(auth.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of("CAMERA_SERVICE_AUTH_JWT_SECRET", "tiny"))
        .requireSecret(true).load(null)).hasMessageNotContaining("tiny");
  }
}
