package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import io.cameraservice.testing.TinyDisk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog database on a disk that fills up (a 4 MiB {@link TinyDisk}, filled by another writer). The database
 * alone, because only a transaction larger than whatever room SQLite's own files still have fails for certain: the
 * service's writes are small, and whether one of them fits depends on what the disk had left.
 */
class CatalogDiskFullTest {

  @TempDir
  Path parent;
  Path dir;

  @BeforeEach
  void mountTinyFileSystem() throws Exception {
    dir = TinyDisk.mount(parent.resolve("tiny"), "4m");
  }

  @AfterEach
  void unmount() throws Exception {
    TinyDisk.unmount(dir);
  }

  @Test
  void writeRefusedByAFullDiskFailsPreciselyAndTheNextWriteCommits() throws Exception {
    try (CatalogDatabase db = CatalogDatabase.open(dir.resolve("catalog.db"), 1)) {
      db.write(h -> insert(h, 0, 1), false);
      Path filler = dir.resolve("filler");
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
