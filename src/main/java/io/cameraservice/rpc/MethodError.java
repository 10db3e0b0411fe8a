package io.cameraservice.rpc;

/**
 * An error a method can answer besides the ones every call can get (authentication, role, rate limits, parameters):
 * its code and its {@code data.reason}. Declared with the method so the reference lists it.
 */
public record MethodError(ErrorCode code, String reason) {

  public static MethodError invalidParams(String reason) {
    return new MethodError(ErrorCode.INVALID_PARAMS, reason);
  }

  public static MethodError authenticationFailed(String reason) {
    return new MethodError(ErrorCode.AUTHENTICATION_FAILED, reason);
  }

  public static MethodError permissionDenied(String reason) {
    return new MethodError(ErrorCode.PERMISSION_DENIED, reason);
  }

  public static MethodError notFound(String reason) {
    return new MethodError(ErrorCode.NOT_FOUND, reason);
  }

  public static MethodError invalidState(String reason) {
    return new MethodError(ErrorCode.INVALID_STATE, reason);
  }

  public static MethodError unsupported(String reason) {
    return new MethodError(ErrorCode.UNSUPPORTED, reason);
  }

  public static MethodError rateLimited(String reason) {
    return new MethodError(ErrorCode.RATE_LIMITED, reason);
  }

  public static MethodError dependencyFailed(String reason) {
    return new MethodError(ErrorCode.DEPENDENCY_FAILED, reason);
  }

  public static MethodError insufficientStorage(String reason) {
    return new MethodError(ErrorCode.INSUFFICIENT_STORAGE, reason);
  }
}
