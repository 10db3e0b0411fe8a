package io.cameraservice.cli;

import io.cameraservice.auth.ApiKey;
import io.cameraservice.auth.ApiKeyStore;
import io.cameraservice.auth.Role;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.rpc.Timestamps;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apikey", description = "Manage API keys (stored as hashes under <data_dir>/state).",
    subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand {

  static ApiKeyStore store(ConfigOption config) {
    ServiceConfig settings = config.load(false);
    return new ApiKeyStore(settings.storage().statePath(), Clock.systemUTC());
  }

  @Command(name = "create", description = "Create a key and print it once; it cannot be shown again.")
  static final class Create implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--role", required = true, converter = RoleConverter.class,
        description = "viewer, operator or admin")
    Role role;

    @Option(names = "--name", required = true, description = "What the key is for (shown by list)")
    String name;

    @Option(names = "--expires", converter = Durations.class, description = "Lifetime, e.g. 90d (default: never)")
    Duration expires;

    @Override
    public Integer call() {
      Instant expiresAt = expires == null ? null : Instant.now().plus(expires);
      ApiKeyStore.CreatedKey created = store(config).create(name, role, expiresAt);
      spec.commandLine().getOut().println(created.plaintext());
      spec.commandLine().getErr().println("created " + created.key().id() + " (" + role.wireName() + ", expires "
          + (expiresAt == null ? "never" : Timestamps.format(expiresAt)) + "); store the key now, it is not shown "
          + "again");
      return 0;
    }
  }

  @Command(name = "list", description = "List keys (never the keys themselves).")
  static final class ListKeys implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
      List<ApiKey> keys = store(config).list();
      PrintWriter out = spec.commandLine().getOut();
      String format = "%-16s %-24s %-9s %-21s %-21s %s%n";
      out.printf(format, "ID", "NAME", "ROLE", "CREATED", "EXPIRES", "STATUS");
      Instant now = Instant.now();
      for (ApiKey k : keys) {
        String status = k.isRevoked() ? "revoked" : k.isExpired(now) ? "expired" : "active";
        out.printf(format, k.id(), k.name(), k.role().wireName(), Timestamps.format(k.createdAt()),
            k.expiresAt() == null ? "never" : Timestamps.format(k.expiresAt()), status);
      }
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a key by id; sessions using it end at their next call.")
  static final class Revoke implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      if (!store(config).revoke(id)) {
        spec.commandLine().getErr().println("no key with id " + id);
        return 1;
      }
      spec.commandLine().getOut().println("revoked " + id);
      return 0;
    }
  }
}
