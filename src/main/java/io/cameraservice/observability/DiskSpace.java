package io.cameraservice.observability;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size and free space of the file system holding a path (statvfs: blocking, call off the loop). */
public record DiskSpace(long totalBytes, long freeBytes) {

  public static DiskSpace of(Path path) throws IOException {
    FileStore store = Files.getFileStore(path);
    return new DiskSpace(store.getTotalSpace(), store.getUsableSpace());
  }

  public double usedPercent() {
    return totalBytes == 0 ? 0.0 : 100.0 * (totalBytes - freeBytes) / totalBytes;
  }
}
