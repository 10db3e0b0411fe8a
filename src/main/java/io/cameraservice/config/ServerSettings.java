package io.cameraservice.config;

public record ServerSettings(
    String host,
    int port,
    int eventLoops,
    int maxMessageBytes,
    int maxFrameBytes,
    int maxBatchSize,
    int idleTimeoutSeconds,
    int shutdownGraceSeconds,
    boolean websocketCompression,
    boolean nativeTransport,
    int outboundBufferBytes,
    int authTimeoutSeconds,
    int maxUnauthenticatedConnections) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.notBlank(prefix + ".host", host);
    problems.range(prefix + ".port", port, 0, 65535);
    problems.range(prefix + ".event_loops", eventLoops, 0, 256);
    problems.range(prefix + ".max_message_bytes", maxMessageBytes, 1024, 64L << 20);
    problems.range(prefix + ".max_frame_bytes", maxFrameBytes, 1024, 256L << 20);
    if (maxFrameBytes < maxMessageBytes) {
      problems.add(prefix + ".max_frame_bytes", "must not be below server.max_message_bytes");
    }
    problems.range(prefix + ".max_batch_size", maxBatchSize, 1, 10_000);
    problems.range(prefix + ".idle_timeout_seconds", idleTimeoutSeconds, 0, 86400);
    problems.range(prefix + ".outbound_buffer_bytes", outboundBufferBytes, 4096, 64L << 20);
    problems.range(prefix + ".shutdown_grace_seconds", shutdownGraceSeconds, 0, 600);
    problems.range(prefix + ".auth_timeout_seconds", authTimeoutSeconds, 1, 3600);
    problems.range(prefix + ".max_unauthenticated_connections", maxUnauthenticatedConnections, 1, 1_000_000);
  }

  /** The number of event loops to run: the configured count, or one per core when 0. */
  public int effectiveEventLoops() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }
}
