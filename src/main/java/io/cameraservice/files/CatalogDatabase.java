package io.cameraservice.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The catalog's SQLite file: one writer connection (SQLite has one writer at a time anyway) and a small pool of
 * read connections, all in WAL mode so reads never wait for the writer. A file that is not a database, fails the
 * integrity check or has another schema version is moved aside and created anew: the folders are the truth, so the
 * catalog can always be rebuilt from them.
 */
final class CatalogDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogDatabase.class);
  static final int SCHEMA_VERSION = 2;

  private static final String[] SCHEMA = {
      "CREATE TABLE media (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, camera TEXT NOT NULL,"
          + " filename TEXT NOT NULL, stem TEXT NOT NULL, size INTEGER NOT NULL, created_ms INTEGER NOT NULL,"
          + " modified_ms INTEGER NOT NULL, state INTEGER NOT NULL, format TEXT NOT NULL, duration REAL,"
          + " width INTEGER, height INTEGER, probed_size INTEGER, probed_mtime INTEGER,"
          + " needs_probe INTEGER NOT NULL, UNIQUE (kind, camera, filename))",
      // Listing is newest first, with or without a camera filter: both orders are served straight from an index.
      "CREATE INDEX media_newest ON media (kind, modified_ms DESC, filename DESC)",
      "CREATE INDEX media_camera_newest ON media (kind, camera, modified_ms DESC, filename DESC)",
      // Lookups by name, with or without extension, both go through the name without extension.
      "CREATE INDEX media_stem ON media (kind, stem)",
      "CREATE INDEX media_probe ON media (modified_ms DESC) WHERE needs_probe = 1",
      // Counts and sizes per camera, kept by triggers so that `total` never needs COUNT(*) over the whole table.
      "CREATE TABLE totals (kind INTEGER NOT NULL, camera TEXT NOT NULL, files INTEGER NOT NULL,"
          + " bytes INTEGER NOT NULL, PRIMARY KEY (kind, camera)) WITHOUT ROWID",
      "CREATE TRIGGER media_added AFTER INSERT ON media BEGIN"
          + " INSERT OR IGNORE INTO totals VALUES (NEW.kind, NEW.camera, 0, 0);"
          + " UPDATE totals SET files = files + 1, bytes = bytes + NEW.size"
          + " WHERE kind = NEW.kind AND camera = NEW.camera; END",
      "CREATE TRIGGER media_removed AFTER DELETE ON media BEGIN"
          + " UPDATE totals SET files = files - 1, bytes = bytes - OLD.size"
          + " WHERE kind = OLD.kind AND camera = OLD.camera; END",
      "CREATE TRIGGER media_resized AFTER UPDATE OF size ON media BEGIN"
          + " UPDATE totals SET bytes = bytes - OLD.size + NEW.size"
          + " WHERE kind = NEW.kind AND camera = NEW.camera; END",
      "PRAGMA user_version = " + SCHEMA_VERSION,
  };

  private final Handle writer;
  private final CatalogReserve reserve;
  private final BlockingQueue<Handle> readers;
  private final List<Handle> all = new ArrayList<>();
  private final boolean rebuilt;

  private CatalogDatabase(Path file, int readerCount, boolean rebuilt) throws SQLException {
    this.rebuilt = rebuilt;
    this.writer = new Handle(connect(file, false));
    this.reserve = new CatalogReserve(file);
    all.add(writer);
    this.readers = new ArrayBlockingQueue<>(readerCount);
    for (int i = 0; i < readerCount; i++) {
      Handle reader = new Handle(connect(file, true));
      all.add(reader);
      readers.add(reader);
    }
  }

  /**
   * Opens the catalog at {@code file}, creating or rebuilding it as needed. Blocking: call at wiring time or on a
   * worker.
   */
  static CatalogDatabase open(Path file, int readerCount) {
    boolean rebuilt = false;
    try {
      if (Files.exists(file) && !isUsable(file)) {
        moveAside(file);
        rebuilt = true;
      }
      if (!Files.exists(file)) {
        create(file);
      }
      // SQLite gives new -wal and -shm files the database file's mode; ones left by older versions are tightened.
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Path part = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(part)) {
          FileModes.file(part);
        }
      }
      return new CatalogDatabase(file, readerCount, rebuilt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the media catalog " + file + " private", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the media catalog at " + file + ": " + e.getMessage(), e);
    }
  }

  /** True when the file existed but had to be set aside and rebuilt. */
  boolean rebuilt() {
    return rebuilt;
  }

  Handle writer() {
    return writer;
  }

  /**
   * Runs {@code work} in one write transaction on the writer connection (writer thread only). A write the disk
   * refuses for lack of space fails with -32060 {@code disk_full}; one that {@code mayUseReserve} (it finishes or
   * drops a producer's row, and running it twice does no harm) first gets the catalog's reserve and a second try.
   */
  <T> T write(SqlWork<T> work, boolean mayUseReserve) throws Exception {
    try {
      T result = writer.inTransaction(work);
      reserve.refill();
      return result;
    } catch (Exception e) {
      if (!DiskFull.is(e)) {
        throw e;
      }
      if (mayUseReserve && reserve.release()) {
        try {
          return writer.inTransaction(work);
        } catch (Exception again) {
          if (!DiskFull.is(again)) {
            throw again;
          }
        }
      }
      throw DiskFull.failure("the media catalog cannot record the change");
    }
  }

  /** A read connection; there are at least as many as threads that read, so this never waits long. */
  Handle borrowReader() throws InterruptedException {
    return readers.take();
  }

  void release(Handle reader) {
    readers.add(reader);
  }

  @Override
  public void close() {
    for (Handle handle : all) {
      handle.close();
    }
  }

  private static boolean isUsable(Path file) {
    try (Connection c = connect(file, false); Statement s = c.createStatement()) {
      try (ResultSet version = s.executeQuery("PRAGMA user_version")) {
        if (!version.next() || version.getInt(1) != SCHEMA_VERSION) {
          LOG.warn("media catalog {} has another schema version; rebuilding it from the folders", file);
          return false;
        }
      }
      try (ResultSet check = s.executeQuery("PRAGMA quick_check")) {
        if (!check.next() || !"ok".equals(check.getString(1))) {
          LOG.warn("media catalog {} failed its integrity check; rebuilding it from the folders", file);
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      LOG.warn("media catalog {} cannot be read ({}); rebuilding it from the folders", file, e.getMessage());
      return false;
    }
  }

  private static void moveAside(Path file) {
    try {
      Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
      for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the unusable media catalog " + file + " aside", e);
    }
  }

  private static void create(Path file) throws SQLException {
    Path partial = file.resolveSibling(file.getFileName() + ".new");
    try {
      Files.deleteIfExists(partial);
      try (Connection c = connect(partial, false); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
        c.commit();
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      // Created under another name first so that a crash half-way never leaves a schema-less catalog behind.
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the media catalog " + file, e);
    }
  }

  private static Connection connect(Path file, boolean reader) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL in WAL mode loses at most the last commits on power loss, never consistency; the folders are the truth.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-16_384);
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    try (Statement s = connection.createStatement()) {
      if (reader) {
        s.execute("PRAGMA query_only = 1");
        s.execute("PRAGMA mmap_size = 268435456");
      }
    }
    return connection;
  }

  /** A connection with its prepared statements; used by one thread at a time. */
  static final class Handle {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Handle(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      return statement;
    }

    /**
     * Runs {@code work} in one transaction (a consistent snapshot for reads, all-or-nothing for writes). The
     * transaction is begun and ended with explicit statements, not the driver's auto-commit switch: SQLite itself
     * rolls a transaction back when a write fails with SQLITE_FULL or an I/O error, and the driver, which does not
     * see that, would then fail this and every later transaction with "cannot commit - no transaction is active".
     * Here a failed transaction is always rolled back (a rollback SQLite already did is fine) and the connection is
     * left outside any transaction, so the next one starts clean.
     */
    <T> T inTransaction(SqlWork<T> work) throws Exception {
      execute("BEGIN");
      try {
        T result = work.run(this);
        execute("COMMIT");
        return result;
      } catch (Exception e) {
        try {
          execute("ROLLBACK");
        } catch (SQLException alreadyEnded) {
          // SQLite ended the transaction when the write failed; nothing is left to undo.
          LOG.debug("rollback after a failed catalog transaction: {}", alreadyEnded.getMessage());
        }
        forgetStatements();
        throw e;
      }
    }

    /**
     * The driver leaves a statement that failed (SQLITE_FULL, an I/O error) unusable ("statement is not
     * executing"): after a failed transaction every cached statement is closed and prepared again when next used.
     */
    private void forgetStatements() {
      for (PreparedStatement statement : statements.values()) {
        try {
          statement.close();
        } catch (SQLException e) {
          LOG.debug("closing a catalog statement failed: {}", e.getMessage());
        }
      }
      statements.clear();
    }

    private void execute(String sql) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    }

    void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing a catalog connection failed: {}", e.getMessage());
      }
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Handle handle) throws Exception;
  }
}
