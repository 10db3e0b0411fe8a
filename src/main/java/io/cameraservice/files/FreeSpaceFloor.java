package io.cameraservice.files;

import io.vertx.core.Future;

/** Whether there is room for new media: implemented by the disk-space guard (package {@code retention}). */
@FunctionalInterface
public interface FreeSpaceFloor {

  /**
   * Succeeds when writing {@code requiredBytes} more leaves free space at or above the configured floor; fails
   * with -32060 {@code insufficient_storage} (available and required bytes) otherwise.
   */
  Future<Void> ensureFree(long requiredBytes);
}
