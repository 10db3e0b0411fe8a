package io.cameraservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UrlSignerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final UrlSigner signer = new UrlSigner("a-secret-of-at-least-thirty-two-bytes!!", clock);

  @Test
  void signatureHoldsForItsScopeUntilItExpires() {
    String query = signer.sign("live/camera0", Duration.ofMinutes(5));
    String exp = query.substring(4, query.indexOf('&'));
    String sig = query.substring(query.indexOf("sig=") + 4);

    assertThat(signer.verify("live/camera0", exp, sig)).isEqualTo(UrlSigner.Verdict.VALID);
    assertThat(signer.verify("live/camera1", exp, sig)).isEqualTo(UrlSigner.Verdict.INVALID);
    assertThat(signer.verify("live/camera0", String.valueOf(Long.parseLong(exp) + 60), sig))
        .as("a longer life is not for the asking").isEqualTo(UrlSigner.Verdict.INVALID);
    assertThat(signer.verify("live/camera0", "soon", sig)).isEqualTo(UrlSigner.Verdict.INVALID);
    assertThat(signer.verify("live/camera0", null, sig)).isEqualTo(UrlSigner.Verdict.MISSING);
    assertThat(new UrlSigner("another-secret-of-at-least-thirty-two-bytes", clock).verify("live/camera0", exp, sig))
        .isEqualTo(UrlSigner.Verdict.INVALID);

    clock.advance(Duration.ofMinutes(5));
    assertThat(signer.verify("live/camera0", exp, sig)).isEqualTo(UrlSigner.Verdict.EXPIRED);
  }
}
