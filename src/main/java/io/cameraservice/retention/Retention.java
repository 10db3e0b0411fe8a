package io.cameraservice.retention;

import io.cameraservice.files.DeletionReason;
import io.cameraservice.files.MediaCatalog;
import io.cameraservice.files.MediaKind;
import io.cameraservice.governance.WorkPool;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policy to recordings and snapshots: at start-up (once the catalog is reconciled), every
 * {@code retention.interval_seconds}, and on demand ({@code cleanup_old_files}). Runs never overlap; each deletion
 * is logged and counted by the catalog.
 */
public final class Retention implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final Set<MediaKind> ALL_KINDS = EnumSet.allOf(MediaKind.class);

  private final MediaCatalog catalog;
  private final OldestFirst oldestFirst;
  private final RetentionPolicyStore store;
  private final WorkPool files;
  private final Clock clock;
  private final long intervalMs;
  private volatile RetentionPolicy policy;
  private Future<CleanupResult> lastRun = Future.succeededFuture();
  private volatile CleanupResult lastResult;
  private volatile Instant lastRunAt;
  private Vertx vertx;
  private long timer = -1;

  public Retention(MediaCatalog catalog, Path stateDir, RetentionPolicy defaults, int intervalSeconds,
      WorkPool files, Clock clock) {
    this.catalog = catalog;
    this.oldestFirst = new OldestFirst(catalog);
    this.store = new RetentionPolicyStore(stateDir);
    this.files = files;
    this.clock = clock;
    this.intervalMs = intervalSeconds * 1000L;
    // Read at wiring time (a small file) so that the policy is known before anything asks for it.
    this.policy = store.load(defaults);
  }

  /** Applies the policy once {@code catalogReady} completes, then every interval. */
  public void start(Vertx vertx, Future<Void> catalogReady) {
    this.vertx = vertx;
    catalogReady.onComplete(v -> {
      runInBackground();
      timer = vertx.setPeriodic(intervalMs, id -> runInBackground());
    });
  }

  public RetentionPolicy policy() {
    return policy;
  }

  /**
   * Stores a new policy (it survives restarts); it is applied by the next run. Saving and putting in force happen
   * under one lock, so that the policy in force is always the one on disk, however many calls race.
   */
  public Future<RetentionPolicy> setPolicy(RetentionPolicy next) {
    return files.submit(() -> {
      synchronized (store) {
        store.save(next);
        policy = next;
      }
      LOG.info("retention policy set: {}", next);
      return next;
    });
  }

  /** {@code cleanup_old_files}: applies the policy now, whatever its type, unless it is disabled. */
  public Future<CleanupResult> cleanupNow() {
    RetentionPolicy current = policy;
    if (!current.enabled()) {
      return Future.succeededFuture(new CleanupResult(false, 0, 0, "retention policy is disabled"));
    }
    return run(current);
  }

  private void runInBackground() {
    RetentionPolicy current = policy;
    if (current.automatic()) {
      run(current);
    }
  }

  private synchronized Future<CleanupResult> run(RetentionPolicy applied) {
    Future<CleanupResult> next = lastRun.transform(done -> apply(applied))
        .onSuccess(result -> {
          lastResult = result;
          lastRunAt = clock.instant();
          if (result.filesDeleted() > 0) {
            LOG.info("retention ({}): {}", applied.type().wireName(), result.message());
          }
        })
        .onFailure(e -> LOG.warn("retention run failed: {}", e.toString()));
    lastRun = next;
    return next;
  }

  private Future<CleanupResult> apply(RetentionPolicy applied) {
    Future<OldestFirst.Freed> byAge = applied.appliesAge()
        ? oldestFirst.olderThan(ALL_KINDS, clock.millis() - applied.maxAgeMillis(), DeletionReason.RETENTION)
        : Future.succeededFuture(new OldestFirst.Freed(0, 0));
    return byAge.compose(aged -> {
      if (!applied.appliesSize()) {
        return Future.succeededFuture(aged);
      }
      long limit = applied.maxBytes();
      return oldestFirst.freeBytes(ALL_KINDS, () -> Future.succeededFuture(catalog.totals().allBytes() - limit),
          DeletionReason.RETENTION).map(sized -> new OldestFirst.Freed(aged.files() + sized.files(),
          aged.bytes() + sized.bytes()));
    }).map(freed -> new CleanupResult(true, freed.files(), freed.bytes(), freed.files() == 0
        ? "no files to delete under the " + applied.type().wireName() + " policy"
        : "deleted " + freed.files() + " file(s), " + freed.bytes() + " bytes freed"));
  }

  /** The policy in force and the last run. */
  public RetentionStatus status() {
    return new RetentionStatus(policy, intervalMs / 1000, lastRunAt, lastResult);
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
