package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.testing.TinyDisk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog on a disk that fills up (a 4 MiB {@link TinyDisk}, filled by another writer). The catalog alone,
 * without the service's folder watcher: a write fails for certain only when SQLite's own files have no room left,
 * and the watcher's writes would give them some at moments a test cannot control.
 */
class CatalogDiskFullTest {

  @RegisterExtension
  final TinyDisk disk = new TinyDisk("4m");

  @Test
  void writeRefusedByAFullDiskFailsPreciselyAndTheNextWriteCommits() throws Exception {
    try (CatalogDatabase db = CatalogDatabase.open(disk.path().resolve("catalog.db"), 1)) {
      db.write(h -> insert(h, 0, 1), false);
      Path filler = disk.path().resolve("filler");
      fill(filler);

      Throwable refused = catchThrowable(() -> db.write(h -> insert(h, 1, 20_000), false));
      assertThat(refused).isInstanceOf(Failure.class);
      assertThat(Failure.is(refused, FailureKind.NO_SPACE)).isTrue();
      assertThat(((Failure) refused).reason()).isEqualTo("disk_full");

      // SQLite rolled the transaction back itself; the connection is clean, not "no transaction is active".
      Files.delete(filler);
      db.write(h -> insert(h, 30_000, 1), false);
      assertThat(db.write(CatalogDiskFullTest::rows, false)).isEqualTo(2);
    }
  }

  @Test
  void rowTheFullDiskKeptWritingIsFinishedByALaterSweep() throws Exception {
    try (WorkPool readers = new WorkPool("t-read", 1, 16); WorkPool processes = new WorkPool("t-proc", 1, 16);
        WorkPool files = new WorkPool("t-fs", 1, 16);
        MediaCatalog catalog = MediaCatalog.open(disk.path(), disk.path().resolve("catalog.db"), readers, processes, files, 16, 0,
            "ffprobe", new FilesMetrics(new SimpleMeterRegistry()), Clock.systemUTC())) {
      String name = "camera0_2026-05-01_10-00-00.mp4";
      Path path = await(catalog.beginWriting(MediaKind.RECORDING, "camera0", name, "fmp4")).orElseThrow();
      Files.write(path, new byte[4096]);
      // No room anywhere: SQLite's log holds no spare pages and the catalog's reserve is used up already.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + disk.path().resolve("catalog.db"));
          Statement st = c.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      Files.delete(disk.path().resolve("catalog.db.reserve"));
      Path filler = disk.path().resolve("filler");
      fill(filler);

      Throwable refused = catchThrowable(() -> await(catalog.finishWriting(MediaKind.RECORDING, "camera0", name)));
      assertThat(Failure.is(refused.getCause(), FailureKind.NO_SPACE)).as(String.valueOf(refused)).isTrue();
      assertThat(await(catalog.at(MediaKind.RECORDING, "camera0", name)).isWriting()).isTrue();

      Files.delete(filler);
      await(catalog.finishLeftovers());
      MediaFile finished = await(catalog.at(MediaKind.RECORDING, "camera0", name));
      assertThat(finished.isWriting()).isFalse();
      assertThat(finished.size()).isEqualTo(4096);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Void insert(CatalogDatabase.Handle h, int first, int count) throws Exception {
    String padding = "x".repeat(150);
    for (int i = first; i < first + count; i++) {
      CatalogUpdates.beginWriting(h, MediaKind.RECORDING, "camera0", "camera0_" + padding + i + ".mp4", "mp4", i);
    }
    return null;
  }

  private static int rows(CatalogDatabase.Handle h) throws Exception {
    try (ResultSet r = h.prepare("SELECT COUNT(*) FROM media").executeQuery()) {
      return r.next() ? r.getInt(1) : -1;
    }
  }

  /** What another process filling the disk does: writes until the file system refuses. */
  static void fill(Path filler) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException e) {
      if (!DiskFull.is(e)) {
        throw e;
      }
    }
  }
}
