package io.cameraservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract section 2 over a real WebSocket, with a clock the test controls. */
class AuthenticationTest {

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.startingNow();
  private TestService service;

  @BeforeEach
  void start() {
    service = TestService.start(dir, tree -> tree.withObject("/limits").withObject("/auth_failures")
        .put("max", 3).put("window_seconds", 60), clock);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private static JsonObject errorData(JsonObject response, int code) {
    assertThat(response.getJsonObject("error")).as(response.encode()).isNotNull();
    assertThat(response.getJsonObject("error").getInteger("code")).isEqualTo(code);
    return response.getJsonObject("error").getJsonObject("data");
  }

  @Test
  void successfulAuthenticationReturnsTheContractFields() {
    try (RpcClient client = service.connect()) {
      String token = service.token(Role.OPERATOR, Duration.ofHours(2));
      JsonObject result = client.authenticate(token);
      assertThat(result.getBoolean("authenticated")).isTrue();
      assertThat(result.getString("role")).isEqualTo("operator");
      assertThat(result.getJsonArray("permissions")).isEqualTo(new JsonArray().add("view").add("control"));
      Instant expected = clock.instant().plusSeconds(7200);
      assertThat(result.getString("expires_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(Instant.parse(result.getString("expires_at")).getEpochSecond())
          .isEqualTo(expected.getEpochSecond());
      assertThat(UUID.fromString(result.getString("session_id")).toString()).isEqualTo(result.getString("session_id"));
    }
  }

  @Test
  void permissionsFollowTheRole() {
    try (RpcClient viewer = service.connect(); RpcClient admin = service.connect()) {
      assertThat(viewer.authenticate(service.token(Role.VIEWER)).getJsonArray("permissions"))
          .isEqualTo(new JsonArray().add("view"));
      assertThat(admin.authenticate(service.token(Role.ADMIN)).getJsonArray("permissions"))
          .isEqualTo(new JsonArray().add("view").add("control").add("admin"));
    }
  }

  @Test
  void unauthenticatedCallsAreRefusedWhetherOrNotTheMethodExists() {
    try (RpcClient client = service.connect()) {
      assertThat(errorData(client.call("get_server_info"), -32001).getString("reason")).isEqualTo("auth_required");
      assertThat(errorData(client.call("no_such_method"), -32001).getString("reason")).isEqualTo("auth_required");
      assertThat(client.call("ping").getValue("result")).isEqualTo("pong");
    }
  }

  @Test
  void badTokenIsRefusedWithItsReason() {
    try (RpcClient client = service.connect()) {
      JsonObject response = client.call("authenticate", new JsonObject().put("auth_token", "garbage"));
      assertThat(errorData(response, -32001).getString("reason")).isEqualTo("invalid_token");
      assertThat(response.getJsonObject("error").getString("message")).isEqualTo("Authentication failed");
    }
  }

  @Test
  void tokenSignedWithAnotherSecretIsInvalid() throws Exception {
    long now = clock.instant().getEpochSecond();
    String forged = JwtVerifierTest.token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new JsonObject().put("user_id", "x")
        .put("role", "admin").put("iat", now).put("exp", now + 600), "wrong-secret-0123456789-abcdefghijklmno",
        "HmacSHA256");
    try (RpcClient client = service.connect()) {
      assertThat(errorData(client.call("authenticate", new JsonObject().put("auth_token", forged)), -32001)
          .getString("reason")).isEqualTo("invalid_token");
    }
  }

  @Test
  void algNoneTokenIsInvalid() throws Exception {
    long now = clock.instant().getEpochSecond();
    String unsigned = JwtVerifierTest.token("{\"alg\":\"none\"}", new JsonObject().put("user_id", "x")
        .put("role", "admin").put("iat", now).put("exp", now + 600), null, null);
    try (RpcClient client = service.connect()) {
      assertThat(errorData(client.call("authenticate", new JsonObject().put("auth_token", unsigned)), -32001)
          .getString("reason")).isEqualTo("invalid_token");
      assertThat(errorData(client.call("get_server_info"), -32001).getString("reason")).isEqualTo("auth_required");
    }
  }

  private String signed(String header, JsonObject claims) throws Exception {
    return JwtVerifierTest.token(header, claims, TestService.SECRET, "HmacSHA256");
  }

  private JsonObject claims(Object exp) {
    return new JsonObject().put("user_id", "x").put("role", "admin")
        .put("iat", clock.instant().getEpochSecond()).put("exp", exp);
  }

  @Test
  void malformedExpiryIsAnInvalidTokenAndCountsAsAFailure() throws Exception {
    String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    Object[] exps = {String.valueOf(clock.instant().getEpochSecond() + 600), 1e20, Long.MAX_VALUE};
    try (RpcClient client = service.connect()) {
      for (Object exp : exps) {
        JsonObject data = errorData(client.call("authenticate",
            new JsonObject().put("auth_token", signed(hs256, claims(exp)))), -32001);
        assertThat(data.getString("reason")).as("exp " + exp).isEqualTo("invalid_token");
        if (exp instanceof Number) { // vertx-auth-jwt refuses a string exp itself, without telling which claim
          assertThat(data.getString("claim")).isEqualTo("exp");
        }
      }
      // Three failures were counted: the limit (3) is reached.
      assertThat(errorData(client.call("authenticate", new JsonObject().put("auth_token", service.token(Role.ADMIN))),
          -32040).getString("reason")).isEqualTo("auth_locked_out");
    }
  }

  @Test
  void expiryBeyondYear9999IsRefusedSoExpiresAtStaysRfc3339() throws Exception {
    String year100000 = signed("{\"alg\":\"HS256\"}", claims(3093527980800L));
    String year9999 = signed("{\"alg\":\"HS256\"}", claims(253402300799L));
    try (RpcClient client = service.connect()) {
      JsonObject data = errorData(client.call("authenticate", new JsonObject().put("auth_token", year100000)), -32001);
      assertThat(data.getString("reason")).isEqualTo("invalid_token");
      assertThat(data.getString("claim")).isEqualTo("exp");
      assertThat(client.authenticate(year9999).getString("expires_at")).isEqualTo("9999-12-31T23:59:59Z");
    }
  }

  @Test
  void notBeforeIsHonouredWithTheSkew() throws Exception {
    long now = clock.instant().getEpochSecond();
    String early = signed("{\"alg\":\"HS256\"}", claims(now + 600).put("nbf", now + 120));
    String withinSkew = signed("{\"alg\":\"HS256\"}", claims(now + 600).put("nbf", now + 20));
    try (RpcClient client = service.connect()) {
      JsonObject data = errorData(client.call("authenticate", new JsonObject().put("auth_token", early)), -32001);
      assertThat(data.getString("reason")).isEqualTo("invalid_token");
      assertThat(data.getString("claim")).isEqualTo("nbf");
      assertThat(client.authenticate(withinSkew).getBoolean("authenticated")).isTrue();
    }
  }

  @Test
  void unknownCriticalHeaderIsRefused() throws Exception {
    String crit = signed("{\"alg\":\"HS256\",\"crit\":[\"x-custom\"],\"x-custom\":1}",
        claims(clock.instant().getEpochSecond() + 600));
    try (RpcClient client = service.connect()) {
      JsonObject data = errorData(client.call("authenticate", new JsonObject().put("auth_token", crit)), -32001);
      assertThat(data.getString("reason")).isEqualTo("invalid_token");
      assertThat(data.getString("claim")).isEqualTo("crit");
    }
  }

  @Test
  void tokenInsideTheSkewStaysUsableUntilTheSkewHasPassed() throws Exception {
    String token = service.token(Role.ADMIN, Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5).plusSeconds(10));
    try (RpcClient client = service.connect()) {
      assertThat(client.authenticate(token).getBoolean("authenticated")).isTrue();
      assertThat(client.call("get_server_info").containsKey("result")).as("the same rule on every call").isTrue();
      clock.advance(Duration.ofSeconds(21));
      assertThat(errorData(client.call("get_server_info"), -32001).getString("reason")).isEqualTo("token_expired");
    }
  }

  @Test
  void expiredTokenIsRefusedAsExpired() {
    String token = service.token(Role.ADMIN, Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(10));
    try (RpcClient client = service.connect()) {
      assertThat(errorData(client.call("authenticate", new JsonObject().put("auth_token", token)), -32001)
          .getString("reason")).isEqualTo("token_expired");
    }
  }

  @Test
  void sessionExpiresMidSessionAndReauthenticationRestoresIt() {
    try (RpcClient client = service.connect()) {
      client.authenticate(service.token(Role.VIEWER, Duration.ofMinutes(5)));
      assertThat(client.call("get_server_info").containsKey("result")).isTrue();
      clock.advance(Duration.ofMinutes(6));
      assertThat(errorData(client.call("get_server_info"), -32001).getString("reason")).isEqualTo("token_expired");
      assertThat(errorData(client.call("get_status"), -32001).getString("reason")).isEqualTo("token_expired");
      client.authenticate(service.token(Role.VIEWER, Duration.ofMinutes(5)));
      assertThat(client.call("get_server_info").containsKey("result")).isTrue();
    }
  }

  @Test
  void failedReauthenticationKeepsTheExistingSession() {
    try (RpcClient client = service.connect()) {
      String sessionId = client.authenticate(service.token(Role.ADMIN)).getString("session_id");
      assertThat(errorData(client.call("authenticate", new JsonObject().put("auth_token", "bad")), -32001)
          .getString("reason")).isEqualTo("invalid_token");
      JsonObject status = client.result("get_status", null);
      assertThat(status.getString("status")).isNotBlank();
      assertThat(client.result("get_subscription_stats", null).getString("client_id")).isNotBlank();
      assertThat(sessionId).isNotBlank();
    }
  }

  @Test
  void repeatedFailuresLockTheAddressOutUntilTheWindowHasPassed() {
    try (RpcClient client = service.connect(); RpcClient other = service.connect()) {
      for (int i = 0; i < 3; i++) {
        assertThat(errorData(client.call("authenticate", new JsonObject().put("auth_token", "bad-" + i)), -32001)
            .getString("reason")).isEqualTo("invalid_token");
      }
      String good = service.token(Role.ADMIN);
      // Locked: even a good token is refused, on any socket from the same address.
      JsonObject locked = errorData(other.call("authenticate", new JsonObject().put("auth_token", good)), -32040);
      assertThat(locked.getString("reason")).isEqualTo("auth_locked_out");
      assertThat(locked.getString("scope")).isEqualTo("auth_failures");
      assertThat(locked.getInteger("limit")).isEqualTo(3);
      assertThat(locked.getLong("retry_after_ms")).isBetween(59_000L, 60_000L);
      clock.advance(Duration.ofSeconds(30));
      JsonObject stillLocked = errorData(other.call("authenticate", new JsonObject().put("auth_token", good)), -32040);
      assertThat(stillLocked.getLong("retry_after_ms")).isBetween(29_000L, 30_000L);
      clock.advance(Duration.ofSeconds(31));
      assertThat(other.authenticate(good).getBoolean("authenticated")).isTrue();
    }
  }

  @Test
  void newSessionStartsWithTheDefaultSubscriptions() {
    try (RpcClient client = service.connect(Role.VIEWER)) {
      JsonArray topics = client.result("get_subscription_stats", null).getJsonArray("client_topics");
      assertThat(topics.getList()).containsExactlyInAnyOrder("camera.connected", "camera.disconnected",
          "camera.status_change", "recording.start", "recording.stop", "recording.error", "system.health");
    }
  }
}
