package io.cameraservice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.domain.Failure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcError#of} is the one mapping from domain failures to JSON-RPC errors: for every kind it must give the
 * bytes the wire factories give (code, message, and {@code data} with its fields in the same order), because clients
 * see those bytes and the contract fixes them.
 */
class RpcErrorTest {

  private static void assertSameWire(Failure failure, RpcError wire) {
    assertThat(RpcError.of(failure).toJson().encode()).as(failure.getMessage()).isEqualTo(wire.toJson().encode());
  }

  @Test
  void eachKindAnswersWhatItsWireFactoryAnswers() {
    assertSameWire(Failure.invalidInput("invalid_value", "filters.device", "must match ^camera[0-9]+$"),
        RpcError.invalidParams("invalid_value", "filters.device", "must match ^camera[0-9]+$"));
    assertSameWire(Failure.unauthenticated("auth_required"), RpcError.authenticationFailed("auth_required"));
    assertSameWire(Failure.forbidden("admin", "viewer"), RpcError.permissionDenied("admin", "viewer"));
    assertSameWire(Failure.notFound("camera", "camera9"), RpcError.notFound("camera", "camera9"));
    assertSameWire(Failure.invalidState("not_recording", "idle", List.of("recording", "starting")),
        RpcError.invalidState("not_recording", "idle", List.of("recording", "starting")));
    assertSameWire(Failure.unsupported("no_audio", "audio"), RpcError.unsupported("no_audio", "audio"));
    assertSameWire(Failure.busy("server_busy", 40, 64, "queue:fs"), RpcError.rateLimited("server_busy", 40, 64,
        "queue:fs"));
    assertSameWire(Failure.dependencyFailed("pipeline_failed", "ffmpeg", "exit 1"),
        RpcError.dependencyFailed("pipeline_failed", "ffmpeg", "exit 1"));
    assertSameWire(Failure.noSpace(1024, 4096), RpcError.insufficientStorage(1024, 4096));
  }

  @Test
  void detailsAddedLaterFollowInTheirOrder() {
    assertSameWire(Failure.busy("rate_limited", 5, 200, "rate:file").with("burst", 20),
        RpcError.rateLimited("rate_limited", 5, 200, "rate:file").with("burst", 20));
    assertSameWire(Failure.busy("auth_locked_out", 1000, 5, "auth_failures").with("window_seconds", 60L),
        RpcError.rateLimited("auth_locked_out", 1000, 5, "auth_failures").with("window_seconds", 60L));
    assertSameWire(Failure.unauthenticated("invalid_token").with("claim", "crit"),
        RpcError.authenticationFailed("invalid_token").with("claim", "crit"));
    assertSameWire(Failure.forbidden("admin", "operator").with("topic", "system.alert"),
        RpcError.permissionDenied("admin", "operator").with("topic", "system.alert"));
  }

  @Test
  void listsAndMapsInDetailsBecomeJsonArraysAndObjects() {
    RpcError error = RpcError.of(Failure.busy("overloaded", 5000, 0, "load_shedding")
        .with("alerts", List.of("cpu", "memory")).with("budget", Map.of("cores", 2)));
    assertThat(error.toJson().encode()).isEqualTo("{\"code\":-32040,\"message\":\"Rate limited\",\"data\":"
        + "{\"reason\":\"overloaded\",\"retry_after_ms\":5000,\"limit\":0,\"scope\":\"load_shedding\","
        + "\"alerts\":[\"cpu\",\"memory\"],\"budget\":{\"cores\":2}}}");
  }
}
