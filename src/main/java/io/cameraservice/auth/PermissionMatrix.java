package io.cameraservice.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The minimum role of every method: the contract's default matrix, with the overrides from {@code auth.permissions}.
 * {@code ping} and {@code authenticate} need no session and cannot be overridden; a method this table does not name
 * needs {@link Role#ADMIN}, so a new method is closed until someone decides otherwise.
 */
public final class PermissionMatrix {

  public static final Set<String> OPEN_METHODS = Set.of("ping", "authenticate");

  private static final Map<String, Role> DEFAULTS = defaults();

  private final Map<String, Role> minimumRoles;

  private PermissionMatrix(Map<String, Role> minimumRoles) {
    this.minimumRoles = Map.copyOf(minimumRoles);
  }

  public static PermissionMatrix defaultMatrix() {
    return new PermissionMatrix(DEFAULTS);
  }

  /** The default matrix with overrides (method name to role name), already validated by configuration. */
  public static PermissionMatrix withOverrides(Map<String, String> overrides) {
    Map<String, Role> roles = new HashMap<>(DEFAULTS);
    overrides.forEach((method, role) -> roles.put(method, Role.fromWire(role)));
    return new PermissionMatrix(roles);
  }

  /** Whether configuration may name this method (any method of the contract except the open ones). */
  public static boolean isConfigurable(String method) {
    return DEFAULTS.containsKey(method);
  }

  /** Whether this matrix has an entry for the method. */
  public boolean names(String method) {
    return minimumRoles.containsKey(method);
  }

  public boolean isOpen(String method) {
    return OPEN_METHODS.contains(method);
  }

  public Role minimumRole(String method) {
    return minimumRoles.getOrDefault(method, Role.ADMIN);
  }

  private static Map<String, Role> defaults() {
    Map<String, Role> m = new HashMap<>();
    for (String method : new String[] {"get_camera_list", "get_camera_status", "get_camera_capabilities",
        "list_recordings", "list_snapshots", "get_recording_info", "get_snapshot_info", "get_streams",
        "get_stream_url", "get_stream_status", "get_system_status", "get_server_info", "subscribe_events",
        "unsubscribe_events", "get_subscription_stats", "get_external_streams"}) {
      m.put(method, Role.VIEWER);
    }
    for (String method : new String[] {"take_snapshot", "start_recording", "stop_recording", "start_streaming",
        "stop_streaming", "delete_recording", "delete_snapshot", "discover_external_streams",
        "add_external_stream", "remove_external_stream"}) {
      m.put(method, Role.OPERATOR);
    }
    for (String method : new String[] {"get_metrics", "get_status", "get_storage_info", "set_retention_policy",
        "cleanup_old_files", "set_discovery_interval"}) {
      m.put(method, Role.ADMIN);
    }
    return m;
  }
}
