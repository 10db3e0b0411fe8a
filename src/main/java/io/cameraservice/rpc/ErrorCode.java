package io.cameraservice.rpc;

/** Every error code the service answers with (contract section 3); nothing else invents numbers. */
public enum ErrorCode {
  PARSE_ERROR(-32700, "Parse error"),
  INVALID_REQUEST(-32600, "Invalid Request"),
  METHOD_NOT_FOUND(-32601, "Method not found"),
  INVALID_PARAMS(-32602, "Invalid params"),
  INTERNAL_ERROR(-32603, "Internal error"),
  AUTHENTICATION_FAILED(-32001, "Authentication failed"),
  PERMISSION_DENIED(-32002, "Permission denied"),
  NOT_FOUND(-32010, "Not found"),
  INVALID_STATE(-32020, "Invalid state"),
  UNSUPPORTED(-32030, "Unsupported"),
  RATE_LIMITED(-32040, "Rate limited"),
  DEPENDENCY_FAILED(-32050, "Dependency failed"),
  INSUFFICIENT_STORAGE(-32060, "Insufficient storage");

  private final int code;
  private final String message;

  ErrorCode(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }
}
