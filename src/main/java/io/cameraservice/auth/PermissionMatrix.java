package io.cameraservice.auth;

import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.MethodSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The minimum role of every method: the level its declaration gives ({@link MethodSpec#access()}), replaced where
 * {@code auth.permissions} names the method. Open methods ({@code ping}, {@code authenticate}) need no session and
 * cannot be overridden; a method this table does not name needs {@link Role#ADMIN}, so anything undeclared is closed.
 */
public final class PermissionMatrix {

  private final Map<String, Role> minimumRoles;
  private final Set<String> open;

  private PermissionMatrix(Map<String, Role> minimumRoles, Set<String> open) {
    this.minimumRoles = Map.copyOf(minimumRoles);
    this.open = Set.copyOf(open);
  }

  /**
   * The declared levels with configuration's overrides (method name to role name). An override naming no declared
   * method, or an open one, changes nothing here: the service refuses to start with it (app.MethodSettings).
   */
  public static PermissionMatrix of(Collection<MethodSpec> methods, Map<String, String> overrides) {
    Map<String, Role> roles = new HashMap<>();
    Set<String> open = new HashSet<>();
    for (MethodSpec method : methods) {
      if (method.access() == Access.OPEN) {
        open.add(method.name());
      } else {
        roles.put(method.name(), Role.fromWire(method.access().wireName()));
      }
    }
    overrides.forEach((method, role) -> roles.computeIfPresent(method, (m, declared) -> Role.fromWire(role)));
    return new PermissionMatrix(roles, open);
  }

  /** Whether this matrix has an entry for the method. */
  public boolean names(String method) {
    return minimumRoles.containsKey(method);
  }

  public boolean isOpen(String method) {
    return open.contains(method);
  }

  public Role minimumRole(String method) {
    return minimumRoles.getOrDefault(method, Role.ADMIN);
  }
}
