package io.cameraservice.config;

import java.util.Map;

public record LimitsSettings(
    int maxConnections,
    int maxConnectionsPerAddress,
    RateSettings newConnectionsPerAddress,
    RatesSettings rates,
    int slowConsumerGraceSeconds,
    AuthFailureSettings authFailures,
    Map<String, QueueSettings> queues) implements Validated {

  /** File operations may never be throttled below this rate per client (a product promise). */
  public static final int MIN_FILE_RATE = 20;

  public LimitsSettings {
    queues = Map.copyOf(queues);
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".max_connections", maxConnections, 1, 1_000_000);
    problems.range(prefix + ".max_connections_per_address", maxConnectionsPerAddress, 1, 1_000_000);
    newConnectionsPerAddress.validate(prefix + ".new_connections_per_address", problems);
    rates.validate(prefix + ".rates", problems);
    problems.range(prefix + ".slow_consumer_grace_seconds", slowConsumerGraceSeconds, 1, 3600);
    authFailures.validate(prefix + ".auth_failures", problems);
    queues.forEach((name, queue) -> queue.validate(prefix + ".queues." + name, problems));
  }

  /** Per-session buckets by method class, and per-method overrides. */
  public record RatesSettings(RateSettings status, RateSettings control, RateSettings file, RateSettings admin,
      Map<String, RateSettings> methods) implements Validated {

    public RatesSettings {
      methods = methods == null ? Map.of() : Map.copyOf(methods);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
      status.validate(prefix + ".status", problems);
      control.validate(prefix + ".control", problems);
      file.validate(prefix + ".file", problems);
      if (file.perSecond() < MIN_FILE_RATE) {
        problems.add(prefix + ".file.per_second", "must be at least " + MIN_FILE_RATE + " (got " + file.perSecond()
            + ")");
      }
      admin.validate(prefix + ".admin", problems);
      methods.forEach((method, rate) -> {
        String key = prefix + ".methods." + method;
        // Whether the key names a method is checked once the methods are declared (app.MethodSettings).
        if (rate == null) {
          problems.add(key, "must be a mapping with per_second and burst");
        } else {
          rate.validate(key, problems);
        }
      });
    }
  }

  public record AuthFailureSettings(int max, int windowSeconds) implements Validated {
    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.range(prefix + ".max", max, 1, 1_000_000);
      problems.range(prefix + ".window_seconds", windowSeconds, 1, 86400);
    }
  }

  public record QueueSettings(int threads, int capacity) implements Validated {
    @Override
    public void validate(String prefix, ConfigProblems problems) {
      problems.range(prefix + ".threads", threads, 1, 256);
      problems.range(prefix + ".capacity", capacity, 1, 1_000_000);
    }
  }
}
