package io.cameraservice.rpc;

/**
 * Who may call a method by default: nobody needs a session for {@link #OPEN} methods, the others need a session whose
 * role reaches the level. The names are the roles' wire names, so the authentication layer maps a level onto its own
 * role type without this package knowing it. Configuration may raise or lower any level but {@link #OPEN}.
 */
public enum Access {
  OPEN("none"),
  VIEWER("viewer"),
  OPERATOR("operator"),
  ADMIN("admin");

  private final String wireName;

  Access(String wireName) {
    this.wireName = wireName;
  }

  /** The role's name on the wire and in configuration; {@code none} for {@link #OPEN}, as the contract's table. */
  public String wireName() {
    return wireName;
  }
}
