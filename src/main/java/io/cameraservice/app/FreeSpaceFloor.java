package io.cameraservice.app;

import io.cameraservice.governance.WorkPool;
import io.cameraservice.media.MediaKind;
import io.cameraservice.media.StorageGuard;
import io.cameraservice.rpc.RpcError;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-in for the retention feature's storage guard: refuses new recordings and snapshots (-32060) while the data
 * directory's file system has less usable space than {@code recording.min_free_bytes}.
 */
final class FreeSpaceFloor implements StorageGuard {

  private final Path dataDir;
  private final long floorBytes;
  private final WorkPool fsPool;

  FreeSpaceFloor(Path dataDir, long floorBytes, WorkPool fsPool) {
    this.dataDir = dataDir;
    this.floorBytes = floorBytes;
    this.fsPool = fsPool;
  }

  @Override
  public Future<Void> admit(MediaKind kind, String camera) {
    return fsPool.submit(() -> Files.getFileStore(dataDir).getUsableSpace()).compose(available ->
        available >= floorBytes ? Future.succeededFuture()
            : Future.failedFuture(RpcError.insufficientStorage(available, floorBytes).exception()));
  }
}
