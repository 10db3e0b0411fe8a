package io.cameraservice.rpc;

/** Thrown or failed with by handlers to answer a typed error; carries no stack trace because it is not a bug. */
public final class RpcException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RpcError error;

  public RpcException(RpcError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  public RpcError error() {
    return error;
  }
}
