package io.cameraservice.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** Roles in increasing order of power: a role may do everything a lower one may. */
public enum Role {
  VIEWER(List.of("view")),
  OPERATOR(List.of("view", "control")),
  ADMIN(List.of("view", "control", "admin"));

  private final List<String> permissions;

  Role(List<String> permissions) {
    this.permissions = permissions;
  }

  public List<String> permissions() {
    return permissions;
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named on the wire or in configuration, or null when there is none by that name. */
  @JsonCreator
  public static Role fromWire(String name) {
    if (name == null) {
      return null;
    }
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    return null;
  }
}
