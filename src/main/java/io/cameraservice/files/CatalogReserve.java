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
 * and deleted just before a write when the disk has less than that left, so that the write which finishes a
 * recording's row (or deletes a file to make room) still gets its few pages instead of SQLITE_FULL. It is made again
 * once the disk has plenty of room. Writer thread only.
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

  /** Before a write: releases the reserve when the disk is (nearly) full, makes it when there is room again. */
  void beforeWrite() {
    long free = usableSpace();
    if (free < 0) {
      return;
    }
    if (present && free < BYTES) {
      try {
        Files.delete(file);
        present = false;
        LOG.warn("the disk holding the media catalog is full ({} bytes free): its reserve of {} bytes is released so"
            + " the catalog can still record finished and deleted files", free, BYTES);
      } catch (IOException e) {
        LOG.warn("cannot release the media catalog's reserve {}: {}", file, e.toString());
      }
    } else if (!present && free > REFILL_ABOVE) {
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
