package io.cameraservice.rpc;

/** Told about every finished call; implemented by metrics. Must be cheap and thread-safe. */
public interface RpcObserver {

  /**
   * @param method the method name, or null when the name is not a registered method
   * @param error null on success
   */
  void completed(String method, RpcError error, long durationNanos);

  /** A frame that could not be handled as a call (parse error, invalid envelope, too large). */
  void rejectedFrame(RpcError error);

  RpcObserver NONE = new RpcObserver() {
    @Override
    public void completed(String method, RpcError error, long durationNanos) {}

    @Override
    public void rejectedFrame(RpcError error) {}
  };
}
