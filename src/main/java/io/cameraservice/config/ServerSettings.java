package io.cameraservice.config;

import java.util.List;

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
    int socketSendBufferBytes,
    int maxHttpConnections,
    int maxHttpConnectionsPerAddress,
    int requestHeaderTimeoutSeconds,
    int reservedFiles,
    int authTimeoutSeconds,
    int maxUnauthenticatedConnections,
    int maxUnauthenticatedMessageBytes,
    List<String> allowedOrigins,
    int maxUnauthenticatedConnectionsPerAddress,
    TlsSettings tls) implements Validated {

  /** The HTTP connection cap never goes below this, however low the open-files limit. */
  private static final int MIN_HTTP_CONNECTIONS = 64;

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
    if (socketSendBufferBytes != 0) {
      problems.range(prefix + ".socket_send_buffer_bytes", socketSendBufferBytes, 4096, 64L << 20);
    }
    problems.range(prefix + ".shutdown_grace_seconds", shutdownGraceSeconds, 0, 600);
    problems.range(prefix + ".auth_timeout_seconds", authTimeoutSeconds, 1, 3600);
    problems.range(prefix + ".max_unauthenticated_connections", maxUnauthenticatedConnections, 1, 1_000_000);
    problems.range(prefix + ".max_unauthenticated_message_bytes", maxUnauthenticatedMessageBytes, 1024, 64L << 20);
    problems.range(prefix + ".max_unauthenticated_connections_per_address", maxUnauthenticatedConnectionsPerAddress,
        1, 10_000);
    problems.range(prefix + ".max_http_connections", maxHttpConnections, 0, 10_000_000);
    problems.range(prefix + ".max_http_connections_per_address", maxHttpConnectionsPerAddress, 1, 10_000_000);
    problems.range(prefix + ".request_header_timeout_seconds", requestHeaderTimeoutSeconds, 1, 3600);
    problems.range(prefix + ".reserved_files", reservedFiles, 0, 1_000_000);
    tls.validate(prefix + ".tls", problems);
  }

  /** The number of event loops to run: the configured count, or one per core when 0. */
  public int effectiveEventLoops() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The cap on HTTP connections: the configured one, or when 0 the open-files limit less {@code reserved_files}, so
   * that a connection flood leaves descriptors for logs, recordings, child processes and the health answer.
   *
   * @param openFilesLimit the process's limit, or -1 when unknown (then the reserve alone is subtracted from 65536)
   */
  public int effectiveMaxHttpConnections(long openFilesLimit) {
    if (maxHttpConnections > 0) {
      return maxHttpConnections;
    }
    long limit = openFilesLimit > 0 ? openFilesLimit : 65_536;
    return (int) Math.max(MIN_HTTP_CONNECTIONS, Math.min(Integer.MAX_VALUE, limit - reservedFiles));
  }

  /** What a socket may send before it has authenticated: never more than any socket may send in one message. */
  public int unauthenticatedMessageBytes() {
    return Math.min(maxUnauthenticatedMessageBytes, maxMessageBytes);
  }
}
