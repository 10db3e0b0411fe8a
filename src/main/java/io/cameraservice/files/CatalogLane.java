package io.cameraservice.files;

import io.cameraservice.files.CatalogDatabase.Handle;
import io.cameraservice.files.CatalogDatabase.SqlWork;
import io.cameraservice.governance.WorkPool;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ordered path to the catalog. Writes run one at a time, in submission order, on a single writer thread. A read
 * waits until every write submitted before it has committed, then runs on the read pool. So a client that sends
 * {@code delete_recording} and then, without waiting, {@code list_recordings} never sees the deleted file: the
 * delete was submitted first, and the listing waits for it.
 */
final class CatalogLane {

  private final CatalogDatabase db;
  private final WorkPool writer;
  private final WorkPool readers;
  private final Object submitLock = new Object();
  private final AtomicLong generation = new AtomicLong();
  private Future<?> lastWrite = Future.succeededFuture();

  CatalogLane(CatalogDatabase db, WorkPool writer, WorkPool readers) {
    this.db = db;
    this.writer = writer;
    this.readers = readers;
  }

  /** Runs {@code work} in one write transaction, after all writes submitted earlier. */
  <T> Future<T> write(SqlWork<T> work) {
    return write(work, false);
  }

  /**
   * Like {@link #write}, for work that finishes or drops a producer's row and may run twice: on a full disk it gets
   * the catalog's reserve (see {@link CatalogReserve}).
   */
  <T> Future<T> writeFinishing(SqlWork<T> work) {
    return write(work, true);
  }

  private <T> Future<T> write(SqlWork<T> work, boolean mayUseReserve) {
    synchronized (submitLock) {
      // Under the lock so that lastWrite is always the write that the writer thread will run last.
      Future<T> result = writer.submit(() -> {
        T value = db.write(work, mayUseReserve);
        generation.incrementAndGet();
        return value;
      });
      if (!result.failed()) {
        lastWrite = result;
      }
      return result;
    }
  }

  /**
   * Counts committed writes; it moves before a write's future completes, so a value read after the barrier of
   * {@link #read} is never older than the writes that read must see.
   */
  long generation() {
    return generation.get();
  }

  /** Runs {@code work} in one read transaction, once every write submitted before this call has committed. */
  <T> Future<T> read(SqlWork<T> work) {
    Future<?> barrier;
    synchronized (submitLock) {
      barrier = lastWrite;
    }
    if (barrier.isComplete()) {
      return readNow(work);
    }
    Context context = Vertx.currentContext();
    Promise<T> result = Promise.promise();
    barrier.onComplete(done -> {
      if (context == null) {
        readNow(work).onComplete(result);
      } else {
        context.runOnContext(v -> readNow(work).onComplete(result));
      }
    });
    return result.future();
  }

  private <T> Future<T> readNow(SqlWork<T> work) {
    return readers.submit(() -> {
      Handle reader = db.borrowReader();
      try {
        return reader.inTransaction(work);
      } finally {
        db.release(reader);
      }
    });
  }
}
