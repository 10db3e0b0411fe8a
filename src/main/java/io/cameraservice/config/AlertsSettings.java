package io.cameraservice.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code alerts.*}: how often rules are evaluated, where transitions are posted, and the rules themselves. A rules
 * list given by the user replaces the built-in one as a whole.
 */
public record AlertsSettings(int evaluationIntervalSeconds, String webhookUrl, int webhookTimeoutMs,
    int webhookMaxPending, int errorRatioMinRequests, List<AlertRuleSettings> rules) implements Validated {

  public AlertsSettings {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".evaluation_interval_seconds", evaluationIntervalSeconds, 1, 3600);
    problems.range(prefix + ".webhook_timeout_ms", webhookTimeoutMs, 100, 60_000);
    problems.range(prefix + ".webhook_max_pending", webhookMaxPending, 1, 1000);
    problems.range(prefix + ".error_ratio_min_requests", errorRatioMinRequests, 1, 1_000_000);
    if (webhookUrl != null && !isHttpUrl(webhookUrl)) {
      // The URL itself is not echoed: webhook URLs often carry a token.
      problems.add(prefix + ".webhook_url", "must be an absolute http:// or https:// URL with a host");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      AlertRuleSettings rule = rules.get(i);
      String key = prefix + ".rules[" + i + "]";
      if (rule == null) {
        problems.add(key, "must be a mapping");
        continue;
      }
      rule.validate(key, problems);
      if (rule.name() != null && !names.add(rule.name())) {
        problems.add(key + ".name", "duplicate rule name " + rule.name());
      }
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "AlertsSettings[evaluationIntervalSeconds=" + evaluationIntervalSeconds + ", webhookUrl="
        + (webhookUrl == null ? "none" : "<redacted>") + ", rules=" + rules + "]";
  }

  /**
   * One rule: it fires at {@code warning} or {@code critical} once the metric has been past that threshold for
   * {@code for_seconds}, and steps down only when the metric is back past the threshold by {@code hysteresis}.
   * Optional fields may be left out: {@code for_seconds} 0, {@code hysteresis} 0, {@code direction} above,
   * {@code shed_load} false.
   */
  public record AlertRuleSettings(String name, String metric, Double warning, Double critical, Integer forSeconds,
      Double hysteresis, String direction, Boolean shedLoad) implements Validated {

    public static final String ABOVE = "above";
    public static final String BELOW = "below";
    private static final String NAME_PATTERN = "^[a-z][a-z0-9_]{0,62}$";

    public AlertRuleSettings {
      forSeconds = forSeconds == null ? 0 : forSeconds;
      hysteresis = hysteresis == null ? 0.0 : hysteresis;
      direction = direction == null ? ABOVE : direction;
      shedLoad = shedLoad != null && shedLoad;
    }

    public boolean above() {
      return !BELOW.equals(direction);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
      if (name == null || !name.matches(NAME_PATTERN)) {
        problems.add(prefix + ".name", "must match " + NAME_PATTERN + " (got " + name + ")");
      }
      problems.oneOf(prefix + ".direction", direction, List.of(ABOVE, BELOW));
      problems.range(prefix + ".for_seconds", forSeconds, 0, 86_400);
      if (!(hysteresis >= 0) || hysteresis.isInfinite()) {
        problems.add(prefix + ".hysteresis", "must be a number of at least 0 (got " + hysteresis + ")");
      }
      finite(problems, prefix + ".warning", warning);
      finite(problems, prefix + ".critical", critical);
      if (isFinite(warning) && isFinite(critical)) {
        if (above() && !(warning < critical)) {
          problems.add(prefix + ".warning", "must be below critical (" + critical + ") for a rule on values above "
              + "a threshold (got " + warning + ")");
        } else if (!above() && !(warning > critical)) {
          problems.add(prefix + ".warning", "must be above critical (" + critical + ") for a rule on values below "
              + "a threshold (got " + warning + ")");
        }
      }
    }

    private static void finite(ConfigProblems problems, String key, Double value) {
      if (value == null) {
        problems.add(key, "is required");
      } else if (!isFinite(value)) {
        problems.add(key, "must be a finite number (got " + value + ")");
      }
    }

    private static boolean isFinite(Double value) {
      return value != null && Double.isFinite(value);
    }
  }
}
