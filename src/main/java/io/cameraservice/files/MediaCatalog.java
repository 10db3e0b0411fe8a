package io.cameraservice.files;

import io.cameraservice.files.CatalogDatabase.Handle;
import io.cameraservice.files.CatalogDatabase.SqlWork;
import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.domain.Failure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media catalog: every recording and snapshot under {@code <data>/recordings/<camera>/} and
 * {@code <data>/snapshots/<camera>/}, indexed in SQLite. All reads and writes go through one {@link CatalogLane}, so
 * a read never misses a write submitted before it. Deleting a file removes it from disk and catalog in one step on
 * the writer. The folders are the truth: {@link Reconciler} and {@link FolderWatcher} keep the index in line with
 * them.
 */
public final class MediaCatalog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MediaCatalog.class);
  private static final List<String> COMPLETE_ONLY = List.of(MediaState.COMPLETE.wireName());

  private final Path dataDir;
  private final CatalogDatabase db;
  private final CatalogLane lane;
  private final WorkPool writer;
  private final MediaProber prober;
  private final FilesMetrics metrics;
  private final Clock clock;
  private final ListingCache cache;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<FileVersion, Future<MediaInfo>> probing = new ConcurrentHashMap<>();
  private final Set<FileKey> leftovers = ConcurrentHashMap.newKeySet();
  private volatile CatalogTotals totals = CatalogTotals.EMPTY;
  private volatile Runnable onChange = () -> {};

  private MediaCatalog(Path dataDir, CatalogDatabase db, WorkPool writer, WorkPool readers, MediaProber prober,
      FilesMetrics metrics, Clock clock, int cachedPages) {
    this.cache = cachedPages > 0 ? new ListingCache(cachedPages) : null;
    this.dataDir = dataDir;
    this.db = db;
    this.writer = writer;
    this.lane = new CatalogLane(db, writer, readers);
    this.prober = prober;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Opens (creating or rebuilding) the catalog database. Blocking; call at wiring time.
   *
   * @param readers the pool reads run on; it gets as many read connections as it has threads
   * @param writeQueue how many writes may wait for the writer before new ones are refused with -32040
   * @param cachedPages listing pages kept between writes (0: none)
   * @param ffprobe the ffprobe that reads recordings' metadata
   */
  public static MediaCatalog open(Path dataDir, Path dbFile, WorkPool readers, WorkPool processes, WorkPool files,
      int writeQueue, int cachedPages, String ffprobe, FilesMetrics metrics, Clock clock) {
    for (MediaKind kind : MediaKind.values()) {
      try {
        FileModes.folder(dataDir.resolve(kind.folder()));
      } catch (IOException e) {
        throw new IllegalStateException("cannot create " + dataDir.resolve(kind.folder()), e);
      }
    }
    CatalogDatabase db = CatalogDatabase.open(dbFile, readers.threads());
    WorkPool writer = new WorkPool("catalog-write", 1, writeQueue);
    MediaCatalog catalog = new MediaCatalog(dataDir, db, writer, readers, new MediaProber(ffprobe, processes, files),
        metrics, clock, cachedPages);
    try {
      int orphans = db.writer().inTransaction(CatalogUpdates::releaseOrphans);
      if (orphans > 0) {
        LOG.warn("{} file(s) were still being written when the service stopped; they are taken as they are", orphans);
      }
      catalog.totals = new CatalogTotals(db.writer().inTransaction(CatalogQueries::totals));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the media catalog: " + e.getMessage(), e);
    }
    if (db.rebuilt()) {
      LOG.warn("media catalog was unusable and is rebuilt from the folders");
    }
    return catalog;
  }

  /** Told after every write that may have added files needing metadata. */
  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  // ---- reads ----

  /**
   * One page of a listing, shaped by {@code shape} on the thread that read it (so that e.g. encoding a large result
   * does not load the event loop). The files carry what a listing shows: name, camera, size, time, format, duration.
   * A shaped page is reused while no catalog write has committed since, for the same query and {@code tag} (what
   * else the shape depends on); the ordering of reads after writes is the same either way.
   */
  @SuppressWarnings("unchecked")
  public <T> Future<T> list(MediaKind kind, ListQuery query, Object tag, Function<Page, T> shape) {
    long started = System.nanoTime();
    ListingCache.Key key = new ListingCache.Key(kind, query, tag);
    boolean cacheable = cache != null && ListingCache.keeps(query);
    return lane.read(h -> {
      long generation = lane.generation();
      Object cached = cacheable ? cache.get(key, generation) : null;
      if (cached != null) {
        return (T) cached;
      }
      T value = shape.apply(CatalogQueries.list(h, kind, query));
      if (cacheable) {
        cache.put(key, generation, value);
      }
      return value;
    }).onSuccess(page -> metrics.listed(kind, System.nanoTime() - started));
  }

  /** The file called {@code name} (with or without extension); -32010 when there is none. */
  public Future<MediaFile> find(MediaKind kind, String name) {
    return lane.read(h -> CatalogQueries.byName(h, kind, name)).compose(matches -> {
      Failure problem = uniqueMatch(kind, name, matches);
      return problem == null ? Future.succeededFuture(matches.get(0)) : Future.failedFuture(problem);
    });
  }

  /** Like {@link #find}, and for a recording whose metadata is not known yet, probes it first. */
  public Future<MediaFile> info(MediaKind kind, String name) {
    return find(kind, name).compose(file -> file.probed() || file.isWriting() ? Future.succeededFuture(file)
        : probe(file).compose(info -> storeProbe(file, info))
            .compose(v -> find(kind, file.filename())));
  }

  /** Complete files of {@code kind} modified before {@code beforeMs}, oldest first. */
  public Future<List<MediaFile>> oldestComplete(MediaKind kind, long beforeMs, int limit) {
    return lane.read(h -> CatalogQueries.oldestComplete(h, kind, beforeMs, limit));
  }

  /** Files and bytes per kind as of the last write; no database access. */
  public CatalogTotals totals() {
    return totals;
  }

  public Path folder(MediaKind kind) {
    return dataDir.resolve(kind.folder());
  }

  public Path pathOf(MediaFile file) {
    return pathOf(file.kind(), file.camera(), file.filename());
  }

  /** Where a file of this camera and name lives; names and camera ids are checked before they get here. */
  public Path pathOf(MediaKind kind, String camera, String filename) {
    Path path = folder(kind).resolve(camera).resolve(filename).normalize();
    if (!path.getParent().getParent().equals(folder(kind))) {
      throw new IllegalArgumentException("not a plain file name: " + filename);
    }
    return path;
  }

  // ---- deletions ----

  /**
   * Deletes a file a client named: -32010 when there is none, -32020 while it is being written. Two clients
   * deleting the same file: the first wins, the second gets -32010.
   */
  public Future<MediaFile> delete(MediaKind kind, String name) {
    return mutate(h -> {
      List<MediaFile> matches = CatalogQueries.byName(h, kind, name);
      Failure problem = uniqueMatch(kind, name, matches);
      if (problem != null) {
        return new Removal(null, problem);
      }
      MediaFile file = matches.get(0);
      if (file.isWriting()) {
        return new Removal(null, Failure.invalidState("file_being_written", MediaState.WRITING.wireName(),
            COMPLETE_ONLY));
      }
      boolean existed = removeFromDisk(file, DeletionReason.USER);
      CatalogUpdates.delete(h, file.id());
      return existed ? new Removal(file, null) : new Removal(null, Failure.notFound(kind.resource(), name));
    }).recover(e -> Future.failedFuture(e instanceof IOException
        // The disk refused (permissions, read-only, immutable file): nothing changed, the row stays with the file.
        ? Failure.dependencyFailed("delete_failed", "disk", "cannot delete " + name + " ("
            + e.getClass().getSimpleName() + ")") : e))
        .compose(removal -> removal.error == null ? Future.succeededFuture(removal.file)
            : Future.failedFuture(removal.error));
  }

  /**
   * Deletes files chosen by retention or reclaim, each only if it is still the complete version that was chosen.
   * A file the disk refuses to delete keeps its row and is skipped, so one such file neither undoes the deletions
   * before it nor stops the ones after it. Answers the files actually deleted.
   */
  public Future<List<MediaFile>> deleteChosen(List<MediaFile> chosen, DeletionReason reason) {
    return mutate(h -> {
      List<MediaFile> deleted = new ArrayList<>();
      for (MediaFile candidate : chosen) {
        List<MediaFile> current = CatalogQueries.byName(h, candidate.kind(), candidate.filename());
        boolean unchanged = current.stream().anyMatch(f -> f.id() == candidate.id() && !f.isWriting()
            && f.size() == candidate.size() && f.modified().equals(candidate.modified()));
        if (!unchanged) {
          continue;
        }
        boolean existed;
        try {
          existed = removeFromDisk(candidate, reason);
        } catch (IOException e) {
          LOG.warn("cannot delete {} {}/{} (reason: {}): {}; it stays catalogued", candidate.kind().resource(),
              candidate.camera(), candidate.filename(), reason.label(), e.getClass().getSimpleName());
          continue;
        }
        if (existed) {
          deleted.add(candidate);
        }
        CatalogUpdates.delete(h, candidate.id());
      }
      return deleted;
    });
  }

  private boolean removeFromDisk(MediaFile file, DeletionReason reason) throws IOException {
    Path path = pathOf(file);
    try {
      Files.delete(path);
      LOG.info("deleted {} {}/{} ({} bytes, reason: {})", file.kind().resource(), file.camera(), file.filename(),
          file.size(), reason.label());
      metrics.deleted(reason, file.size());
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private record Removal(MediaFile file, Failure error) {}

  // ---- producers (see MediaIntake) ----

  /**
   * Registers a file as being written and answers where to write it (its camera folder exists then), or nothing
   * when the name is taken (catalogued or on disk).
   */
  Future<Optional<Path>> beginWriting(MediaKind kind, String camera, String filename, String format) {
    long now = clock.millis();
    Path path = pathOf(kind, camera, filename);
    return mutate(h -> {
      if (!CatalogQueries.byName(h, kind, filename).isEmpty() || DiskEntry.stat(path) != null) {
        return Optional.empty();
      }
      FileModes.folder(path.getParent());
      CatalogUpdates.beginWriting(h, kind, camera, filename, format, now);
      return Optional.of(path);
    });
  }

  /**
   * Marks a file complete with its size on disk; a file that is not there is dropped (answers null). One the disk is
   * too full to record (-32060 {@code disk_full}, even with the reserve) is finished by a later sweep.
   */
  Future<MediaFile> finishWriting(MediaKind kind, String camera, String filename) {
    return leftOverOnFailure(kind, camera, filename, finishing(h -> {
      Path path = pathOf(kind, camera, filename);
      DiskEntry entry = DiskEntry.stat(path);
      if (entry == null) {
        CatalogUpdates.forget(h, kind, camera, filename);
        return null;
      }
      FileModes.file(path);
      CatalogUpdates.complete(h, kind, camera, filename, entry.size(), entry.modifiedMs());
      return CatalogQueries.at(h, kind, camera, filename);
    }));
  }

  /**
   * Remembers a producer's row that a full disk kept from being finished or dropped, so that it does not stay
   * {@code writing} (undeletable, unseen by retention) until the next start. Bounded by the files being written.
   */
  private <T> Future<T> leftOverOnFailure(MediaKind kind, String camera, String filename, Future<T> finished) {
    FileKey key = new FileKey(kind, camera, filename);
    return finished.onComplete(done -> {
      if (done.succeeded()) {
        leftovers.remove(key);
      } else if (Failure.is(done.cause(), FailureKind.NO_SPACE)) {
        leftovers.add(key);
      }
    });
  }

  /** Finishes the rows a full disk left {@code writing} after their producers were done; run by the sweep. */
  Future<Void> finishLeftovers() {
    List<Future<MediaFile>> retries = new ArrayList<>();
    for (FileKey key : List.copyOf(leftovers)) {
      retries.add(finishWriting(key.kind(), key.camera(), key.filename()));
    }
    return Future.join(retries).transform(done -> {
      if (!retries.isEmpty()) {
        LOG.info("finished {} of {} file(s) the full disk had left being written", retries.stream()
            .filter(Future::succeeded).count(), retries.size());
      }
      return Future.succeededFuture();
    });
  }

  private record FileKey(MediaKind kind, String camera, String filename) {}

  /**
   * Catalogues a file its producer finished only after a restart (a recording remuxed from what an abrupt end left)
   * as complete, created when it was started rather than when it was finished; the folder watcher may have added it
   * first with the disk's time. Answers null when the file is not on disk.
   */
  Future<MediaFile> finishedLate(MediaKind kind, String camera, String filename, Instant started) {
    return mutate(h -> {
      Path path = pathOf(kind, camera, filename);
      DiskEntry entry = DiskEntry.stat(path);
      if (entry == null) {
        return null;
      }
      FileModes.file(path);
      CatalogUpdates.seen(h, kind, camera, filename, entry.size(), started.toEpochMilli(), entry.modifiedMs());
      CatalogUpdates.created(h, kind, camera, filename, started.toEpochMilli());
      return CatalogQueries.at(h, kind, camera, filename);
    });
  }

  /** Deletes a producer's file and row; a row the full disk keeps is dropped by a later sweep. */
  Future<Void> discard(MediaKind kind, String camera, String filename) {
    return leftOverOnFailure(kind, camera, filename, finishing(h -> {
      MediaFile file = CatalogQueries.at(h, kind, camera, filename);
      if (file != null) {
        removeFromDisk(file, DeletionReason.DISCARD);
      } else {
        Files.deleteIfExists(pathOf(kind, camera, filename));
      }
      CatalogUpdates.forget(h, kind, camera, filename);
      return null;
    }));
  }

  Future<MediaFile> at(MediaKind kind, String camera, String filename) {
    return lane.read(h -> CatalogQueries.at(h, kind, camera, filename));
  }

  // ---- reconciliation and metadata (package) ----

  Future<Map<String, CatalogQueries.FileVersion>> versions(MediaKind kind, String camera) {
    return lane.read(h -> CatalogQueries.versions(h, kind, camera));
  }

  Future<List<String>> cameras(MediaKind kind) {
    return lane.read(h -> CatalogQueries.cameras(h, kind));
  }

  /** Brings the rows of these names in line with the disk; answers how many changed. */
  Future<Integer> refresh(MediaKind kind, String camera, Collection<String> names) {
    Path folder = pathOf(kind, camera, "x").getParent();
    return mutate(h -> {
      int changed = 0;
      for (String name : names) {
        // Names come from the folder itself (listing or watch events), so resolving them needs no further check.
        DiskEntry entry = statQuietly(folder.resolve(name));
        boolean change = entry == null ? CatalogUpdates.gone(h, kind, camera, name)
            : CatalogUpdates.seen(h, kind, camera, name, entry.size(), entry.createdMs(), entry.modifiedMs());
        changed += change ? 1 : 0;
      }
      return changed;
    });
  }

  Future<List<MediaFile>> toProbe(int limit) {
    return lane.read(h -> CatalogQueries.toProbe(h, limit));
  }

  private record FileVersion(long id, long size, Instant modified) {}

  /**
   * Reads this version of a file's metadata, joining a probe of the same version that is already running: a file
   * just completed is wanted by its producer and by the backfill at once, and ffprobe is the expensive part. Fails
   * only when the probe was refused (pool busy); a file ffprobe cannot read answers {@link MediaInfo#NONE}.
   */
  Future<MediaInfo> probe(MediaFile file) {
    FileVersion version = new FileVersion(file.id(), file.size(), file.modified());
    Promise<MediaInfo> mine = Promise.promise();
    Future<MediaInfo> running = probing.putIfAbsent(version, mine.future());
    if (running != null) {
      return running;
    }
    prober.probe(file.kind(), pathOf(file), file.size()).onComplete(done -> {
      probing.remove(version);
      if (done.succeeded()) {
        mine.complete(done.result());
      } else {
        mine.fail(done.cause());
      }
    });
    return mine.future();
  }

  Future<Void> storeProbe(MediaFile file, MediaInfo info) {
    return storeProbes(Map.of(file, info));
  }

  Future<Void> storeProbes(Map<MediaFile, MediaInfo> results) {
    return lane.write(h -> {
      for (Map.Entry<MediaFile, MediaInfo> result : results.entrySet()) {
        MediaFile file = result.getKey();
        MediaInfo info = result.getValue();
        // A producer's format (e.g. fmp4) is more precise than the container ffprobe names.
        boolean hinted = !file.format().equals(file.kind().formatOf(file.filename()));
        CatalogUpdates.probed(h, file, hinted ? new MediaInfo(info.duration(), info.width(), info.height(), null)
            : info);
      }
      return null;
    });
  }

  /** A write that may change what files exist: refreshes the totals in the same transaction. */
  private <T> Future<T> mutate(SqlWork<T> work) {
    return lane.write(withTotals(work)).onSuccess(v -> onChange.run());
  }

  /** {@link #mutate} for finishing or dropping a producer's row, which may use the reserve of a full disk. */
  private <T> Future<T> finishing(SqlWork<T> work) {
    return lane.writeFinishing(withTotals(work)).onSuccess(v -> onChange.run());
  }

  private <T> SqlWork<T> withTotals(SqlWork<T> work) {
    return h -> {
      T result = work.run(h);
      totals = new CatalogTotals(CatalogQueries.totals(h));
      return result;
    };
  }

  private static DiskEntry statQuietly(Path path) {
    try {
      return DiskEntry.stat(path);
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", path, e.toString());
      return null;
    }
  }

  private static Failure uniqueMatch(MediaKind kind, String name, List<MediaFile> matches) {
    if (matches.isEmpty()) {
      return Failure.notFound(kind.resource(), name);
    }
    if (matches.size() > 1) {
      return Failure.invalidInput("ambiguous_filename", "filename", "matches " + matches.size()
          + " files; give the full name with its extension");
    }
    return null;
  }

  /** Queued and running catalog writes (for metrics). */
  int pendingWrites() {
    return writer.queued() + writer.active();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      writer.close(5_000);
      db.close();
    }
  }
}
