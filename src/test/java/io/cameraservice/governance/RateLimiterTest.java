package io.cameraservice.governance;

import io.cameraservice.domain.RateClass;
import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.config.LimitsSettings.RatesSettings;
import io.cameraservice.config.RateSettings;
import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.cameraservice.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact token-bucket counts with a clock the test moves. */
class RateLimiterTest {

  private final MutableClock clock = MutableClock.startingNow();
  private final RateLimiter limiter = new RateLimiter(new RatesSettings(new RateSettings(100, 200),
      new RateSettings(10, 20), new RateSettings(200, 20), new RateSettings(20, 40),
      Map.of("take_snapshot", new RateSettings(2, 3))), new ClockTimeMeter(clock), 1000);

  private int allowed(String client, RateClass rateClass, String method, int attempts) {
    int ok = 0;
    for (int i = 0; i < attempts; i++) {
      if (limiter.tryAcquire(client, rateClass, method) == null) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void burstIsServedAtOnceThenTheRateRefills() {
    assertThat(allowed("c1", RateClass.FILE, "list_recordings", 50)).isEqualTo(20);
    Failure refused = limiter.tryAcquire("c1", RateClass.FILE, "list_recordings");
    assertThat(refused.kind()).isEqualTo(FailureKind.BUSY);
    assertThat(refused.reason()).isEqualTo("rate_limited");
    assertThat(refused.detail("scope")).isEqualTo("rate:file");
    assertThat(refused.detail("limit")).isEqualTo(200);
    assertThat(refused.detail("burst")).isEqualTo(20);
    assertThat(refused.retryAfterMs(-1)).isEqualTo(5);
    clock.advance(Duration.ofMillis(50));
    assertThat(allowed("c1", RateClass.FILE, "list_recordings", 50)).isEqualTo(10);
    clock.advance(Duration.ofSeconds(1));
    assertThat(allowed("c1", RateClass.FILE, "list_recordings", 50)).as("refills up to the burst only").isEqualTo(20);
  }

  @Test
  void classesAndClientsHaveSeparateBuckets() {
    assertThat(allowed("c1", RateClass.CONTROL, "start_recording", 100)).isEqualTo(20);
    assertThat(allowed("c1", RateClass.ADMIN, "get_metrics", 100)).isEqualTo(40);
    assertThat(allowed("c2", RateClass.CONTROL, "start_recording", 100)).isEqualTo(20);
    assertThat(allowed("c1", RateClass.STATUS, "ping", 1000)).isEqualTo(200);
  }

  @Test
  void aMethodOverrideHasItsOwnBucket() {
    assertThat(allowed("c1", RateClass.CONTROL, "take_snapshot", 10)).isEqualTo(3);
    Failure refused = limiter.tryAcquire("c1", RateClass.CONTROL, "take_snapshot");
    assertThat(refused.detail("scope")).isEqualTo("rate:method:take_snapshot");
    assertThat(refused.retryAfterMs(-1)).isEqualTo(500);
    assertThat(allowed("c1", RateClass.CONTROL, "start_recording", 100)).isEqualTo(20);
  }

  @Test
  void forgettingAClientStartsItAfresh() {
    assertThat(allowed("c1", RateClass.FILE, "list_recordings", 50)).isEqualTo(20);
    limiter.forget("c1");
    assertThat(limiter.clients()).isZero();
    assertThat(allowed("c1", RateClass.FILE, "list_recordings", 50)).isEqualTo(20);
  }

  @Test
  void idleClientsAreForgottenAndTheClientMapIsBounded() {
    RateLimiter small = new RateLimiter(new RatesSettings(new RateSettings(1, 1), new RateSettings(1, 1),
        new RateSettings(20, 1), new RateSettings(1, 1), Map.of()), new ClockTimeMeter(clock), 2);
    small.tryAcquire("a", RateClass.STATUS, "ping");
    small.tryAcquire("b", RateClass.STATUS, "ping");
    // A third client shares the overflow buckets instead of growing the map without bound.
    assertThat(small.tryAcquire("c", RateClass.STATUS, "ping")).isNull();
    assertThat(small.tryAcquire("d", RateClass.STATUS, "ping")).isNotNull();
    assertThat(small.clients()).isEqualTo(3);
    clock.advance(Duration.ofMinutes(5));
    small.forgetIdle(Duration.ofMinutes(1));
    assertThat(small.clients()).isZero();
  }
}
