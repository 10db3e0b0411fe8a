package io.cameraservice.files;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills in duration and resolution for files the catalog has not probed in their current version (found by
 * reconciliation, changed on disk, or just completed by a producer), newest first, with at most
 * {@code storage.probe_concurrency} probes at a time. Each version of a file is probed once.
 */
final class MetadataBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(MetadataBackfill.class);
  private static final int BATCH = 64;

  private final MediaCatalog catalog;
  private final int concurrency;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean requested = new AtomicBoolean();

  MetadataBackfill(MediaCatalog catalog, int concurrency) {
    this.catalog = catalog;
    this.concurrency = concurrency;
  }

  /** Asks for a pass over the files that need probing; cheap, and merged with a pass already running. */
  void kick() {
    requested.set(true);
    if (running.compareAndSet(false, true)) {
      pass();
    }
  }

  boolean idle() {
    return !running.get() && !requested.get();
  }

  private void pass() {
    requested.set(false);
    catalog.toProbe(BATCH).compose(this::probeAll).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("probing media files failed: {}", done.cause().toString());
      }
      boolean more = done.succeeded() && done.result() > 0;
      if (more || requested.get()) {
        pass();
      } else {
        running.set(false);
        if (requested.get() && running.compareAndSet(false, true)) {
          pass();
        }
      }
    });
  }

  /** Probes a batch, {@code concurrency} at a time, and stores the results; answers how many were stored. */
  private Future<Integer> probeAll(List<MediaFile> batch) {
    Map<MediaFile, MediaInfo> results = new ConcurrentHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < batch.size(); from += concurrency) {
      List<MediaFile> group = batch.subList(from, Math.min(batch.size(), from + concurrency));
      chain = chain.compose(v -> {
        List<Future<MediaInfo>> probes = new ArrayList<>();
        for (MediaFile file : group) {
          // A refused probe (pool busy) is left for a later pass; only answers are stored.
          probes.add(catalog.probe(file)
              .onSuccess(info -> results.put(file, info)));
        }
        return Future.join(probes).mapEmpty();
      });
    }
    return chain.recover(e -> Future.succeededFuture())
        .compose(v -> results.isEmpty() ? Future.succeededFuture(0)
            : catalog.storeProbes(results).map(results.size()));
  }
}
