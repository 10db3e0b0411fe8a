package io.cameraservice.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room for the catalog on a disk that something else filled up: a file of {@link #BYTES} kept next to the database
 * and deleted when a write that finishes a producer's row fails with SQLITE_FULL, so that its second try gets its
 * few pages and the row does not stay {@code writing}. Released only then, not when the disk gets low: a recording
 * still running would eat the room first. It is made again once the disk has plenty of room. Writer thread only.
 */
final class CatalogReserve {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogReserve.class);
  static final int BYTES = 256 * 1024;
  /** Free space above which a used reserve is made again (so making it never fills the disk itself). */
  private static final long REFILL_ABOVE = 8L * BYTES;

  private final Path file;
  private boolean present;

  CatalogReserve(Path databaseFile) {
    this.file = databaseFile.resolveSibling(databaseFile.getFileName() + ".reserve");
    this.present = Files.isRegularFile(file) && sizeOf(file) == BYTES;
  }

  /** Deletes the reserve to make room; false when there is none to give. */
  boolean release() {
    if (!present) {
      return false;
    }
    try {
      Files.delete(file);
      present = false;
      LOG.warn("the disk holding the media catalog is full: its reserve of {} bytes is released so the catalog can"
          + " still record a finished file", BYTES);
      return true;
    } catch (IOException e) {
      LOG.warn("cannot release the media catalog's reserve {}: {}", file, e.toString());
      return false;
    }
  }

  /** Makes the reserve again once the disk has plenty of room. */
  void refill() {
    if (!present && usableSpace() > REFILL_ABOVE) {
      make();
    }
  }

  private void make() {
    Path partial = file.resolveSibling(file.getFileName() + ".new");
    byte[] content = new byte[BYTES];
    // Not zeros: a compressing file system (btrfs, ZFS) would store zeros in next to nothing.
    new Random(BYTES).nextBytes(content);
    try {
      Files.write(partial, content);
      FileModes.file(partial);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      present = true;
    } catch (IOException e) {
      LOG.debug("cannot make the media catalog's reserve: {}", e.toString());
      deleteQuietly(partial);
    }
  }

  private long usableSpace() {
    try {
      return Files.getFileStore(file.getParent()).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return -1;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", path, e.toString());
    }
  }
}
