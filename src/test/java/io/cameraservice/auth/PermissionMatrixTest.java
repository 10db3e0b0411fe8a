package io.cameraservice.auth;

import io.cameraservice.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's matrix is what the methods declare; every method refuses every role below its minimum with -32002;
 * configuration overrides it, and only for methods that exist and need a session.
 */
class PermissionMatrixTest {

  @TempDir
  Path dir;

  static final Map<Role, List<String>> CONTRACT = Map.of(
      Role.VIEWER, List.of("get_camera_list", "get_camera_status", "get_camera_capabilities", "list_recordings",
          "list_snapshots", "get_recording_info", "get_snapshot_info", "get_streams", "get_stream_url",
          "get_stream_status", "get_system_status", "get_server_info", "subscribe_events", "unsubscribe_events",
          "get_subscription_stats", "get_external_streams"),
      Role.OPERATOR, List.of("take_snapshot", "start_recording", "stop_recording", "start_streaming",
          "stop_streaming", "delete_recording", "delete_snapshot", "discover_external_streams",
          "add_external_stream", "remove_external_stream"),
      Role.ADMIN, List.of("get_metrics", "get_status", "get_storage_info", "set_retention_policy",
          "cleanup_old_files", "set_discovery_interval"));

  @Test
  void rolesBelowTheMinimumAreRefusedWithRequiredAndHaveRole() {
    try (TestService service = TestService.start(dir);
        RpcClient viewer = service.connect(Role.VIEWER);
        RpcClient operator = service.connect(Role.OPERATOR)) {
      for (Map.Entry<Role, List<String>> row : CONTRACT.entrySet()) {
        for (String method : row.getValue()) {
          for (RpcClient client : List.of(viewer, operator)) {
            Role have = client == viewer ? Role.VIEWER : Role.OPERATOR;
            if (have.atLeast(row.getKey())) {
              continue;
            }
            JsonObject error = client.call(method, new JsonObject()).getJsonObject("error");
            assertThat(error).as(method + " as " + have).isNotNull();
            assertThat(error.getInteger("code")).as(method + " as " + have).isEqualTo(-32002);
            assertThat(error.getString("message")).isEqualTo("Permission denied");
            assertThat(error.getJsonObject("data").getString("required_role")).isEqualTo(row.getKey().wireName());
            assertThat(error.getJsonObject("data").getString("have_role")).isEqualTo(have.wireName());
            assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("insufficient_role");
          }
        }
      }
    }
  }

  @Test
  void theMatrixCanBeOverriddenInConfiguration() {
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/auth").withObject("/permissions")
        .put("get_server_info", "operator").put("get_status", "viewer"));
        RpcClient viewer = service.connect(Role.VIEWER)) {
      JsonObject refused = viewer.call("get_server_info").getJsonObject("error");
      assertThat(refused.getInteger("code")).isEqualTo(-32002);
      assertThat(refused.getJsonObject("data").getString("required_role")).isEqualTo("operator");
      assertThat(viewer.call("get_status").containsKey("result")).isTrue();
    }
  }

  @Test
  void theDeclaredMatrixMatchesTheContract() {
    try (TestService service = TestService.start(dir)) {
      PermissionMatrix matrix = PermissionMatrix.of(service.methods().all(), Map.of());
      CONTRACT.forEach((role, methods) -> methods.forEach(m -> {
        assertThat(service.methods().find(m)).as(m + " is declared").isNotNull();
        assertThat(matrix.minimumRole(m)).as(m).isEqualTo(role);
      }));
      assertThat(matrix.isOpen("ping")).isTrue();
      assertThat(matrix.isOpen("authenticate")).isTrue();
      assertThat(matrix.isOpen("get_status")).isFalse();
      assertThat(matrix.minimumRole("some_future_method")).isEqualTo(Role.ADMIN);
    }
  }

  @Test
  void overridesMustNameADeclaredMethodThatNeedsASession() {
    assertThatThrownBy(() -> TestService.start(dir, tree -> {
      tree.withObject("/auth").withObject("/permissions").put("made_up", "viewer").put("ping", "admin");
      tree.withObject("/limits").withObject("/rates").withObject("/methods").putObject("also_made_up")
          .put("per_second", 5).put("burst", 5);
    })).rootCause().isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
            "auth.permissions.made_up: unknown method",
            "auth.permissions.ping: cannot be restricted (it must work without a session)",
            "limits.rates.methods.also_made_up: unknown method"));
  }
}
