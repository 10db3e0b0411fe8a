package io.cameraservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cameraservice.testing.TestService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage, retention and downloads keys: defaults bind, broken rules are named by key. */
class FileSettingsTest {

  @TempDir
  Path dir;

  @Test
  void defaultsBind() {
    ServiceConfig config = TestService.config(dir, tree -> {});
    assertThat(config.storage().reclaimWhenFull()).isTrue();
    assertThat(config.storage().catalogPath()).isEqualTo(dir.toAbsolutePath().resolve("catalog.db"));
    assertThat(config.retention().policyType()).isEqualTo("age");
    assertThat(config.retention().maxAgeDays()).isEqualTo(30.0);
    assertThat(config.downloads().urlTtlSeconds()).isEqualTo(900);
  }

  @Test
  void brokenRulesAreReportedWithTheirKeys() {
    ConfigException e = catchThrowableOfType(() -> TestService.config(dir, tree -> {
      tree.with("storage").put("min_free_percent", 20).put("warning_free_percent", 10).put("min_free_bytes", -1)
          .put("check_interval_seconds", 0).put("probe_concurrency", 99).put("listing_cache_pages", -1);
      tree.with("retention").put("policy_type", "weekly").put("max_age_days", 0).put("max_size_gb", -2.5)
          .put("interval_seconds", 0);
      tree.with("downloads").put("url_ttl_seconds", 1);
    }), ConfigException.class);
    assertThat(String.join("\n", e.problems())).contains("storage.warning_free_percent", "storage.min_free_bytes",
        "storage.check_interval_seconds", "storage.probe_concurrency", "storage.listing_cache_pages",
        "retention.policy_type", "retention.max_age_days", "retention.max_size_gb", "retention.interval_seconds",
        "downloads.url_ttl_seconds");
  }
}
