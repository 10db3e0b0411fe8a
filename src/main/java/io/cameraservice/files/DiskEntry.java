package io.cameraservice.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A regular file as the disk reports it (symbolic links are not followed and never catalogued). */
record DiskEntry(long size, long createdMs, long modifiedMs) {

  static DiskEntry of(BasicFileAttributes attributes) {
    return new DiskEntry(attributes.size(), attributes.creationTime().toMillis(),
        attributes.lastModifiedTime().toMillis());
  }

  /** The file's entry, or null when there is no regular file at {@code path}. */
  static DiskEntry stat(Path path) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? of(attributes) : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
