package io.cameraservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.cameraservice.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

  private static final String SECRET = "unit-test-secret-0123456789-abcdefghij";
  private static final Vertx VERTX = Vertx.vertx();

  private final MutableClock clock = MutableClock.startingNow();
  private final JwtVerifier verifier = new JwtVerifier(VERTX, SECRET, 30, clock);

  @AfterAll
  static void close() {
    VERTX.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private String reason(String token) {
    try {
      await(verifier.verify(token));
      throw new AssertionError("token was accepted");
    } catch (Exception e) {
      Throwable cause = e.getCause();
      assertThat(Failure.is(cause, FailureKind.UNAUTHENTICATED)).as(String.valueOf(cause)).isTrue();
      return ((Failure) cause).reason();
    }
  }

  /** Builds a token by hand, so that headers and claims can be anything. */
  static String token(String headerJson, JsonObject claims, String secret, String macAlgorithm) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    if (macAlgorithm == null) {
      return signingInput + ".";
    }
    Mac mac = Mac.getInstance(macAlgorithm);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
    return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
  }

  private JsonObject claims(String role, long expiresInSeconds) {
    long now = clock.instant().getEpochSecond();
    return new JsonObject().put("user_id", "u1").put("role", role).put("iat", now).put("exp", now + expiresInSeconds);
  }

  @Test
  void tokenFromTheMinterIsAccepted() throws Exception {
    String token = new TokenMinter(VERTX, SECRET, clock).mint("alice", Role.OPERATOR, Duration.ofHours(1));
    Session session = await(verifier.verify(token));
    assertThat(session.userId()).isEqualTo("alice");
    assertThat(session.role()).isEqualTo(Role.OPERATOR);
    assertThat(session.expiresAt().getEpochSecond()).isEqualTo(clock.instant().getEpochSecond() + 3600);
  }

  @Test
  void subIsAcceptedInPlaceOfUserId() throws Exception {
    JsonObject claims = claims("viewer", 600);
    claims.remove("user_id");
    claims.put("sub", "bob");
    Session session = await(verifier.verify(token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, SECRET,
        "HmacSHA256")));
    assertThat(session.userId()).isEqualTo("bob");
  }

  @Test
  void algNoneIsRejected() throws Exception {
    assertThat(reason(token("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims("admin", 600), SECRET, null)))
        .isEqualTo("invalid_token");
  }

  @Test
  void otherAlgorithmsAreRejected() throws Exception {
    assertThat(reason(token("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims("admin", 600), SECRET, "HmacSHA512")))
        .isEqualTo("invalid_token");
  }

  @Test
  void wrongSecretIsRejected() throws Exception {
    assertThat(reason(token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("admin", 600),
        "another-secret-0123456789-abcdefghijkl", "HmacSHA256"))).isEqualTo("invalid_token");
  }

  @Test
  void garbageIsRejected() {
    assertThat(reason("not.a.jwt")).isEqualTo("invalid_token");
    assertThat(reason("")).isEqualTo("invalid_token");
  }

  @Test
  void expiredTokenHasItsOwnReasonAndSkewIsTolerated() throws Exception {
    String token = token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("admin", 60), SECRET, "HmacSHA256");
    clock.advance(Duration.ofSeconds(80));
    assertThat(await(verifier.verify(token)).role()).as("within 30 s of skew").isEqualTo(Role.ADMIN);
    clock.advance(Duration.ofSeconds(20));
    assertThat(reason(token)).isEqualTo("token_expired");
  }

  @Test
  void tokenWithoutRoleOrUserOrExpiryIsRejected() throws Exception {
    for (String claim : new String[] {"role", "user_id", "exp"}) {
      JsonObject claims = claims("admin", 600);
      claims.remove(claim);
      assertThat(reason(token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, SECRET, "HmacSHA256")))
          .as("without " + claim).isEqualTo("invalid_token");
    }
    assertThat(reason(token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("superuser", 600), SECRET,
        "HmacSHA256"))).isEqualTo("invalid_token");
  }
}
