package io.cameraservice.cli;

import io.cameraservice.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config", description = "Configuration tools.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

  @Command(name = "check", description = "Validate a configuration file as serve would (environment included); "
      + "exit 0 when usable, otherwise print every problem and exit 2.")
  static final class Check implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      try {
        ConfigOption.loader().requireSecret(true).load(file);
      } catch (ConfigException e) {
        e.problems().forEach(p -> spec.commandLine().getErr().println(p));
        return Main.EXIT_CONFIG;
      }
      spec.commandLine().getOut().println(file + ": OK");
      return 0;
    }
  }
}
