package io.cameraservice.cli;

import io.cameraservice.auth.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class RoleConverter implements ITypeConverter<Role> {
  @Override
  public Role convert(String value) {
    Role role = Role.fromWire(value);
    if (role == null) {
      throw new TypeConversionException("'" + value + "' is not a role (viewer, operator or admin)");
    }
    return role;
  }
}
