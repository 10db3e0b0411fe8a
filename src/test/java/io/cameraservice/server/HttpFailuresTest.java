package io.cameraservice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table of docs/api.md "HTTP errors", kind by kind; the routes' tests drive it over real HTTP. */
class HttpFailuresTest {

  @Test
  void everyKindHasTheDocumentedStatus() {
    Map<FailureKind, Integer> documented = new EnumMap<>(Map.of(
        FailureKind.INVALID_INPUT, 400, FailureKind.UNAUTHENTICATED, 401, FailureKind.FORBIDDEN, 403,
        FailureKind.NOT_FOUND, 404, FailureKind.INVALID_STATE, 409, FailureKind.BUSY, 429,
        FailureKind.UNSUPPORTED, 501, FailureKind.OVERLOADED, 503, FailureKind.DEPENDENCY_FAILED, 503,
        FailureKind.NO_SPACE, 507));
    assertThat(documented.keySet()).as("every kind is in the table").containsExactly(FailureKind.values());
    documented.forEach((kind, status) -> assertThat(HttpFailures.status(kind)).as(kind.name()).isEqualTo(status));
    assertThat(HttpFailures.status(new IllegalStateException("a bug"))).isEqualTo(500);
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertThat(HttpFailures.retryAfterSeconds(Failure.busy("rate_limited", 50, 20, "rate:file"))).isEqualTo(1);
    assertThat(HttpFailures.retryAfterSeconds(Failure.busy("rate_limited", 1000, 1, "rate:file"))).isEqualTo(1);
    assertThat(HttpFailures.retryAfterSeconds(Failure.busy("rate_limited", 1001, 1, "rate:file"))).isEqualTo(2);
    assertThat(HttpFailures.retryAfterSeconds(Failure.overloaded("overloaded", 3_600_000, "load_shedding")))
        .isEqualTo(3600);
  }
}
