package io.cameraservice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.domain.Failure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcError#of} is the one mapping from domain failures to JSON-RPC errors: for every kind it must give the
 * bytes clients got before domain failures existed (code, message, and {@code data} with its fields in the same
 * order), because clients see those bytes and the contract fixes them.
 */
class RpcErrorTest {

  private static void assertWire(Failure failure, String wire) {
    assertThat(RpcError.of(failure).toJson().encode()).as(failure.getMessage()).isEqualTo(wire);
  }

  @Test
  void eachKindAnswersTheContractsBytes() {
    assertWire(Failure.invalidInput("invalid_value", "filters.device", "must match ^camera[0-9]+$"),
        "{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"reason\":\"invalid_value\",\"param\":\"filters.device\",\"rule\":\"must match ^camera[0-9]+$\"}}");
    assertWire(Failure.unauthenticated("auth_required"),
        "{\"code\":-32001,\"message\":\"Authentication failed\",\"data\":{\"reason\":\"auth_required\"}}");
    assertWire(Failure.forbidden("admin", "viewer"),
        "{\"code\":-32002,\"message\":\"Permission denied\",\"data\":{\"reason\":\"insufficient_role\",\"required_role\":\"admin\",\"have_role\":\"viewer\"}}");
    assertWire(Failure.notFound("camera", "camera9"),
        "{\"code\":-32010,\"message\":\"Not found\",\"data\":{\"reason\":\"camera_not_found\",\"resource\":\"camera\",\"id\":\"camera9\"}}");
    assertWire(Failure.invalidState("not_recording", "idle", List.of("recording", "starting")),
        "{\"code\":-32020,\"message\":\"Invalid state\",\"data\":{\"reason\":\"not_recording\",\"state\":\"idle\",\"allowed_states\":[\"recording\",\"starting\"]}}");
    assertWire(Failure.unsupported("no_audio", "audio"),
        "{\"code\":-32030,\"message\":\"Unsupported\",\"data\":{\"reason\":\"no_audio\",\"feature\":\"audio\"}}");
    assertWire(Failure.busy("server_busy", 40, 64, "queue:fs"),
        "{\"code\":-32040,\"message\":\"Rate limited\",\"data\":{\"reason\":\"server_busy\",\"retry_after_ms\":40,\"limit\":64,\"scope\":\"queue:fs\"}}");
    assertWire(Failure.dependencyFailed("pipeline_failed", "ffmpeg", "exit 1"),
        "{\"code\":-32050,\"message\":\"Dependency failed\",\"data\":{\"reason\":\"pipeline_failed\",\"dependency\":\"ffmpeg\",\"detail\":\"exit 1\"}}");
    assertWire(Failure.noSpace(1024, 4096),
        "{\"code\":-32060,\"message\":\"Insufficient storage\",\"data\":{\"reason\":\"below_free_space_floor\",\"available_bytes\":1024,\"required_bytes\":4096}}");
  }

  @Test
  void detailsAddedLaterFollowInTheirOrder() {
    assertWire(Failure.busy("rate_limited", 5, 200, "rate:file").with("burst", 20),
        "{\"code\":-32040,\"message\":\"Rate limited\",\"data\":{\"reason\":\"rate_limited\",\"retry_after_ms\":5,\"limit\":200,\"scope\":\"rate:file\",\"burst\":20}}");
    assertWire(Failure.busy("auth_locked_out", 1000, 5, "auth_failures").with("window_seconds", 60L),
        "{\"code\":-32040,\"message\":\"Rate limited\",\"data\":{\"reason\":\"auth_locked_out\",\"retry_after_ms\":1000,\"limit\":5,\"scope\":\"auth_failures\",\"window_seconds\":60}}");
    assertWire(Failure.unauthenticated("invalid_token").with("claim", "crit"),
        "{\"code\":-32001,\"message\":\"Authentication failed\",\"data\":{\"reason\":\"invalid_token\",\"claim\":\"crit\"}}");
    assertWire(Failure.forbidden("admin", "operator").with("topic", "system.alert"),
        "{\"code\":-32002,\"message\":\"Permission denied\",\"data\":{\"reason\":\"insufficient_role\",\"required_role\":\"admin\",\"have_role\":\"operator\",\"topic\":\"system.alert\"}}");
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
