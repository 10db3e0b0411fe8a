package io.cameraservice.files;

import io.cameraservice.governance.WorkPool;
import io.cameraservice.observability.ComponentState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog in line with the folders while the service runs: the reconciliation at start-up (in the
 * background, so the service answers meanwhile), file watching, the periodic sweep, and metadata backfill.
 */
public final class CatalogUpkeep implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogUpkeep.class);

  private final MediaCatalog catalog;
  private final Reconciler reconciler;
  private final FolderWatcher watcher;
  private final MetadataBackfill backfill;
  private final long sweepIntervalMs;
  private final Promise<Void> ready = Promise.promise();
  private volatile ComponentState state = ComponentState.STARTING;
  private volatile long startupMillis = -1;
  private Vertx vertx;
  private long sweepTimer = -1;

  public CatalogUpkeep(MediaCatalog catalog, WorkPool files, int sweepIntervalSeconds, int probeConcurrency) {
    this.catalog = catalog;
    this.reconciler = new Reconciler(catalog, files);
    this.watcher = new FolderWatcher(catalog, reconciler, files);
    this.backfill = new MetadataBackfill(catalog, probeConcurrency);
    this.sweepIntervalMs = sweepIntervalSeconds * 1000L;
  }

  /** Starts watching and the first reconciliation; {@link #ready()} completes when that is done. */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    long started = System.nanoTime();
    // Watching starts first so that nothing changed during the reconciliation is missed.
    watcher.start(vertx).eventually(reconciler::sweep).onComplete(done -> {
      startupMillis = (System.nanoTime() - started) / 1_000_000;
      if (done.failed()) {
        LOG.error("start-up reconciliation of the media catalog failed: {}", done.cause().toString());
        state = ComponentState.ERROR;
      } else {
        LOG.info("media catalog ready in {} ms: {} recording(s), {} snapshot(s)", startupMillis,
            catalog.totals().files(MediaKind.RECORDING), catalog.totals().files(MediaKind.SNAPSHOT));
        state = ComponentState.RUNNING;
      }
      // Probing starts after the reconciliation, so that a large one does not share the writer with it.
      catalog.onChange(backfill::kick);
      backfill.kick();
      // Each sweep first finishes the rows a full disk left `writing` (see MediaCatalog#finishLeftovers).
      sweepTimer = vertx.setPeriodic(sweepIntervalMs, id -> catalog.finishLeftovers()
          .compose(v -> reconciler.sweep()).onComplete(r -> {
            // A failed sweep means the catalog may miss files retention and reclaim should see: not RUNNING.
            if (state != ComponentState.STOPPED) {
              state = r.succeeded() ? ComponentState.RUNNING : ComponentState.ERROR;
            }
            backfill.kick();
          }));
      ready.complete();
    });
  }

  /** Completes once the start-up reconciliation has finished (successfully or not). */
  public Future<Void> ready() {
    return ready.future();
  }

  public ComponentState state() {
    return state;
  }

  /**
   * How the upkeep is doing.
   *
   * @param startupReconcileMs how long the start-up reconciliation took; -1 while it runs
   */
  public record Status(ComponentState state, long startupReconcileMs, boolean metadataBackfillIdle, int pendingWrites,
      int unmappableNames) {}

  public Status status() {
    return new Status(state, startupMillis, backfill.idle(), catalog.pendingWrites(), reconciler.unmappableNames());
  }

  @Override
  public void close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    watcher.close();
    state = ComponentState.STOPPED;
  }
}
