package io.cameraservice.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.config.ServiceConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Run the service. Prints 'listening on http://HOST:PORT' once it accepts "
    + "connections; SIGTERM or SIGINT stop it gracefully.")
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOption config;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0: any free port); overrides "
      + "server.port")
  Integer port;

  @Override
  public Integer call() throws Exception {
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    if (port != null) {
      flags.putObject("server").put("port", port);
    }
    ServiceConfig settings = ConfigOption.loader().requireSecret(true).flags(flags).load(config.file);
    return ServiceRunner.run(settings, spec.commandLine().getOut(), service -> {});
  }
}
