package io.cameraservice.cli;

import io.cameraservice.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar camera-service.jar <command>}. */
@Command(name = "camera-service", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Camera station: WebSocket JSON-RPC API for cameras, recordings, snapshots and live streams.",
    subcommands = {ServeCommand.class, DemoCommand.class, TokenCommand.class, ApiKeyCommand.class,
        ConfigCommand.class})
public final class Main {

  /** Exit status for a configuration that cannot be used. */
  public static final int EXIT_CONFIG = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line in-process (used by {@link #main} and by tests) and answers its exit status. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ConfigException) {
        ((ConfigException) e).problems().forEach(p -> commandLine.getErr().println("config: " + p));
        return EXIT_CONFIG;
      }
      throw e;
    });
    return cli.execute(args);
  }
}
