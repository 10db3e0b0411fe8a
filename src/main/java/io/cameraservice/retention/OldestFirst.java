package io.cameraservice.retention;

import io.cameraservice.files.DeletionReason;
import io.cameraservice.files.MediaCatalog;
import io.cameraservice.files.MediaFile;
import io.cameraservice.files.MediaKind;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deletes the oldest complete files of some kinds, in batches, until enough bytes are freed (size retention and
 * reclaim) or until no file is older than a cutoff (age retention). Files being written are never chosen.
 */
final class OldestFirst {

  private static final int BATCH = 200;

  /** Files and bytes deleted so far. */
  record Freed(long files, long bytes) {
    Freed plus(List<MediaFile> deleted) {
      return new Freed(files + deleted.size(), bytes + deleted.stream().mapToLong(MediaFile::size).sum());
    }
  }

  private final MediaCatalog catalog;

  OldestFirst(MediaCatalog catalog) {
    this.catalog = catalog;
  }

  /** Deletes oldest files while {@code excess} answers a positive number of bytes still to free. */
  Future<Freed> freeBytes(Set<MediaKind> kinds, Supplier<Future<Long>> excess, DeletionReason reason) {
    return freeBytes(kinds, excess, reason, new Freed(0, 0));
  }

  private Future<Freed> freeBytes(Set<MediaKind> kinds, Supplier<Future<Long>> excess, DeletionReason reason,
      Freed sofar) {
    return excess.get().compose(bytes -> {
      if (bytes <= 0) {
        return Future.succeededFuture(sofar);
      }
      return oldest(kinds, Long.MAX_VALUE).compose(candidates -> {
        List<MediaFile> chosen = new ArrayList<>();
        long sum = 0;
        for (MediaFile file : candidates) {
          if (sum >= bytes) {
            break;
          }
          chosen.add(file);
          sum += file.size();
        }
        return deleteThen(chosen, reason, sofar, next -> freeBytes(kinds, excess, reason, next));
      });
    });
  }

  /** Deletes every complete file of {@code kinds} modified before {@code cutoffMs}. */
  Future<Freed> olderThan(Set<MediaKind> kinds, long cutoffMs, DeletionReason reason) {
    return olderThan(kinds, cutoffMs, reason, new Freed(0, 0));
  }

  private Future<Freed> olderThan(Set<MediaKind> kinds, long cutoffMs, DeletionReason reason, Freed sofar) {
    return oldest(kinds, cutoffMs).compose(candidates ->
        deleteThen(candidates, reason, sofar, next -> olderThan(kinds, cutoffMs, reason, next)));
  }

  /** Stops when nothing was chosen or nothing could be deleted (so a file that resists never loops forever). */
  private Future<Freed> deleteThen(List<MediaFile> chosen, DeletionReason reason, Freed sofar,
      java.util.function.Function<Freed, Future<Freed>> next) {
    if (chosen.isEmpty()) {
      return Future.succeededFuture(sofar);
    }
    return catalog.deleteChosen(chosen, reason).compose(deleted -> deleted.isEmpty()
        ? Future.succeededFuture(sofar) : next.apply(sofar.plus(deleted)));
  }

  private Future<List<MediaFile>> oldest(Set<MediaKind> kinds, long beforeMs) {
    List<Future<List<MediaFile>>> parts = new ArrayList<>();
    for (MediaKind kind : kinds) {
      parts.add(catalog.oldestComplete(kind, beforeMs, BATCH));
    }
    return Future.all(parts).map(all -> {
      List<MediaFile> merged = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        merged.addAll(all.<List<MediaFile>>resultAt(i));
      }
      merged.sort(Comparator.comparing(MediaFile::modified).thenComparing(MediaFile::filename));
      return merged.size() > BATCH ? merged.subList(0, BATCH) : merged;
    });
  }
}
