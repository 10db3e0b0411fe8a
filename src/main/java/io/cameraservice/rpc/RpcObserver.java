package io.cameraservice.rpc;

/** Told about every finished call; implemented by metrics. Must be cheap and thread-safe. */
public interface RpcObserver {

  /**
   * @param method the method name, or null when the name is not a registered method
   * @param error the answer's code, null on success
   * @param limitScope for a {@link ErrorCode#RATE_LIMITED} answer the {@code scope} of the limit, otherwise null
   */
  void completed(String method, ErrorCode error, String limitScope, long durationNanos);

  /** A frame that could not be handled as a call (parse error, invalid envelope, too large). */
  void rejectedFrame(ErrorCode error);

  RpcObserver NONE = new RpcObserver() {
    @Override
    public void completed(String method, ErrorCode error, String limitScope, long durationNanos) {}

    @Override
    public void rejectedFrame(ErrorCode error) {}
  };
}
