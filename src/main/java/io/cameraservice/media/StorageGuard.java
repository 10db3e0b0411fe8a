package io.cameraservice.media;

import io.vertx.core.Future;

/**
 * Port to the disk-space guard (files / retention feature): asked before a new recording or snapshot is started.
 * Fails with -32060 ({@code RpcError.insufficientStorage(available, required)}) to refuse. Called on the camera
 * loop; must not block it.
 */
@FunctionalInterface
public interface StorageGuard {

  Future<Void> admit(MediaKind kind, String camera);
}
