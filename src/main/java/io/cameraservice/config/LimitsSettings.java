package io.cameraservice.config;

import java.util.Map;

public record LimitsSettings(AuthFailureSettings authFailures, Map<String, QueueSettings> queues)
    implements Validated {

  public LimitsSettings {
    queues = Map.copyOf(queues);
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    authFailures.validate(prefix + ".auth_failures", problems);
    queues.forEach((name, queue) -> queue.validate(prefix + ".queues." + name, problems));
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
