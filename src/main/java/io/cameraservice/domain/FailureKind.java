package io.cameraservice.domain;

/**
 * What kind of thing went wrong, in the domain's words. Each protocol edge maps a kind to its own vocabulary once
 * (a JSON-RPC code in {@code rpc}, an HTTP status in {@code server}); domain code never picks a wire code.
 */
public enum FailureKind {
  /** The caller's input breaks a rule (a parameter, a name, a value out of range). */
  INVALID_INPUT,
  /** No credential, or a credential that does not prove who the caller is. */
  UNAUTHENTICATED,
  /** The caller is known but its role does not allow the operation. */
  FORBIDDEN,
  /** The thing named does not exist. */
  NOT_FOUND,
  /** The thing exists but is in a state that does not allow the operation. */
  INVALID_STATE,
  /** The operation is not available on this service or for this thing. */
  UNSUPPORTED,
  /** Too much at once from the caller's side: a rate, a queue, a cap; retrying later may work. */
  BUSY,
  /**
   * The service as a whole refuses new work of this class for now (load shedding): nobody's request of the class is
   * admitted, whoever asks. Retrying later may work.
   */
  OVERLOADED,
  /** Something the service depends on (ffmpeg, a camera, the disk) failed. */
  DEPENDENCY_FAILED,
  /** Not enough free storage for the operation. */
  NO_SPACE
}
