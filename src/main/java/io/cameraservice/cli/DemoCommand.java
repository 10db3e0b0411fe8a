package io.cameraservice.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.auth.Role;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.fs.PrivateDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Run the service with demo settings: bound to 127.0.0.1, data in ./var/demo, "
    + "a generated secret kept in ./var/demo/state, two test-pattern cameras (camera0, camera1). Prints an admin "
    + "token and the URLs to use.")
final class DemoCommand implements Callable<Integer> {

  static final Path DATA_DIR = Path.of("var", "demo");

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8002", description = "Port (default ${DEFAULT-VALUE})")
  int port;

  @Override
  public Integer call() throws Exception {
    ObjectNode presets = JsonNodeFactory.instance.objectNode();
    presets.putObject("server").put("host", "127.0.0.1").put("port", port);
    presets.putObject("storage").put("data_dir", DATA_DIR.toString());
    presets.putObject("auth").put("jwt_secret", demoSecret(DATA_DIR.resolve("state")));
    ArrayNode patterns = presets.putObject("cameras").putArray("test_patterns");
    patterns.addObject().put("id", "camera0").put("pattern", "testsrc2").put("size", "640x480").put("fps", 15)
        .put("name", "Demo camera 0 (testsrc2)");
    patterns.addObject().put("id", "camera1").put("pattern", "smptebars").put("size", "640x480").put("fps", 15)
        .put("name", "Demo camera 1 (smptebars)");
    // Links printed once should work for the whole demo session.
    presets.putObject("media").putObject("live").put("url_ttl_seconds", 86400);
    ServiceConfig config = ConfigOption.loader().requireSecret(true).presets(presets).load(null);
    PrintWriter out = spec.commandLine().getOut();
    return ServiceRunner.run(config, out, service -> {
      String host = config.server().host() + ":" + service.port();
      String http = "http://" + host;
      String token = service.tokens().mint("demo-admin", Role.ADMIN, Duration.ofHours(24));
      out.println();
      out.println("Camera Service demo (data in " + config.storage().dataPath() + ")");
      out.println("  Watch camera0 in a browser:  " + http + service.links().playerUrl("camera0"));
      out.println("  camera1 as MJPEG (any <img>): " + http + service.links().mjpegUrl("camera1"));
      out.println("  camera0 in a media player:    ffplay \"" + http + service.links().streamUrl("camera0") + "\"");
      out.println("  JSON-RPC WebSocket:  ws://" + host + "/ws");
      out.println("  Health:              " + http + "/health/detailed");
      out.println("  Metrics:             " + http + "/metrics");
      out.println("  Admin token (24 h):  " + token);
      out.println();
      out.println("Try:  websocat ws://" + host + "/ws   then send");
      out.println("  {\"jsonrpc\":\"2.0\",\"method\":\"authenticate\",\"params\":{\"auth_token\":\"" + token
          + "\"},\"id\":1}");
      out.println("  {\"jsonrpc\":\"2.0\",\"method\":\"start_recording\",\"params\":{\"device\":\"camera0\","
          + "\"duration\":10},\"id\":2}");
      out.println("The ten-second recording lands in " + config.storage().dataPath().resolve("recordings")
          .resolve("camera0") + " (list_recordings gives its download_url).");
      out.println("Stop with Ctrl-C.");
      out.flush();
    });
  }

  /** The demo's secret: generated on first run, then reused so that tokens survive restarts. */
  static String demoSecret(Path stateDir) throws IOException {
    Path file = stateDir.resolve("demo_jwt_secret");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    PrivateDirectory.create(stateDir);
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.writeString(Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), secret);
    return secret;
  }
}
