package io.cameraservice.files;

import io.cameraservice.files.CatalogDatabase.Handle;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** The catalog's write statements; run only on the writer connection. */
final class CatalogUpdates {

  /**
   * A file seen on disk: added, or its size and time updated. Metadata of a changed file must be probed again
   * unless it was probed for exactly this version; files being written are probed when they are complete, and
   * empty files have nothing to probe.
   */
  private static final String SEEN = "INSERT INTO media (kind, camera, filename, stem, size, created_ms,"
      + " modified_ms, state, format, needs_probe) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
      + " ON CONFLICT (kind, camera, filename) DO UPDATE SET size = excluded.size,"
      + " modified_ms = excluded.modified_ms, needs_probe = CASE WHEN state = 1 OR excluded.size = 0 THEN 0"
      + " WHEN probed_size IS excluded.size AND probed_mtime IS excluded.modified_ms THEN 0 ELSE 1 END"
      + " WHERE size != excluded.size OR modified_ms != excluded.modified_ms";
  private static final String GONE = "DELETE FROM media WHERE kind = ? AND camera = ? AND filename = ?"
      + " AND state = 0";
  private static final String FORGET = "DELETE FROM media WHERE kind = ? AND camera = ? AND filename = ?";
  private static final String DELETE = "DELETE FROM media WHERE id = ?";
  private static final String BEGIN = "INSERT INTO media (kind, camera, filename, stem, size, created_ms,"
      + " modified_ms, state, format, needs_probe) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 0)";
  private static final String COMPLETE = "UPDATE media SET state = 0, size = ?, modified_ms = ?, needs_probe = 1"
      + " WHERE kind = ? AND camera = ? AND filename = ?";
  private static final String CREATED = "UPDATE media SET created_ms = ?4 WHERE kind = ?1 AND camera = ?2"
      + " AND filename = ?3";
  private static final String PROBED = "UPDATE media SET duration = ?, width = ?, height = ?,"
      + " format = COALESCE(?, format), probed_size = size, probed_mtime = modified_ms, needs_probe = 0"
      + " WHERE id = ? AND size = ? AND modified_ms = ? AND state = 0";

  /** At start-up no producer is writing any more: what a crash left `writing` is whatever is on disk now. */
  private static final String ORPHANS = "UPDATE media SET state = 0, needs_probe = CASE WHEN size = 0 THEN 0 ELSE 1"
      + " END WHERE state = 1";

  private CatalogUpdates() {}

  /** @return how many files were left `writing` by the previous run */
  static int releaseOrphans(Handle db) throws SQLException {
    return db.prepare(ORPHANS).executeUpdate();
  }

  /** @return whether anything changed */
  static boolean seen(Handle db, MediaKind kind, String camera, String filename, long size, long createdMs,
      long modifiedMs) throws SQLException {
    PreparedStatement s = db.prepare(SEEN);
    s.setInt(1, kind.code());
    s.setString(2, camera);
    s.setString(3, filename);
    s.setString(4, FileNames.stem(filename));
    s.setLong(5, size);
    s.setLong(6, createdMs);
    s.setLong(7, modifiedMs);
    s.setString(8, kind.formatOf(filename));
    s.setInt(9, size == 0 ? 0 : 1);
    return s.executeUpdate() > 0;
  }

  /** A complete file that is no longer on disk (files being written stay until their producer finishes). */
  static boolean gone(Handle db, MediaKind kind, String camera, String filename) throws SQLException {
    return CatalogQueries.located(db.prepare(GONE), kind, camera, filename).executeUpdate() > 0;
  }

  static void forget(Handle db, MediaKind kind, String camera, String filename) throws SQLException {
    CatalogQueries.located(db.prepare(FORGET), kind, camera, filename).executeUpdate();
  }

  static boolean delete(Handle db, long id) throws SQLException {
    PreparedStatement s = db.prepare(DELETE);
    s.setLong(1, id);
    return s.executeUpdate() > 0;
  }

  static void beginWriting(Handle db, MediaKind kind, String camera, String filename, String format, long nowMs)
      throws SQLException {
    PreparedStatement s = db.prepare(BEGIN);
    s.setInt(1, kind.code());
    s.setString(2, camera);
    s.setString(3, filename);
    s.setString(4, FileNames.stem(filename));
    s.setLong(5, 0);
    s.setLong(6, nowMs);
    s.setLong(7, nowMs);
    s.setString(8, format);
    s.executeUpdate();
  }

  /** @return whether the file was registered */
  static boolean complete(Handle db, MediaKind kind, String camera, String filename, long size, long modifiedMs)
      throws SQLException {
    PreparedStatement s = db.prepare(COMPLETE);
    s.setLong(1, size);
    s.setLong(2, modifiedMs);
    s.setInt(3, kind.code());
    s.setString(4, camera);
    s.setString(5, filename);
    return s.executeUpdate() > 0;
  }

  static void created(Handle db, MediaKind kind, String camera, String filename, long createdMs)
      throws SQLException {
    PreparedStatement s = CatalogQueries.located(db.prepare(CREATED), kind, camera, filename);
    s.setLong(4, createdMs);
    s.executeUpdate();
  }

  /** Stores probed metadata if the file is still the version that was probed. */
  static void probed(Handle db, MediaFile file, MediaInfo info) throws SQLException {
    PreparedStatement s = db.prepare(PROBED);
    setNullable(s, 1, info.duration(), Types.DOUBLE);
    setNullable(s, 2, info.width(), Types.INTEGER);
    setNullable(s, 3, info.height(), Types.INTEGER);
    setNullable(s, 4, info.format(), Types.VARCHAR);
    s.setLong(5, file.id());
    s.setLong(6, file.size());
    s.setLong(7, file.modified().toEpochMilli());
    s.executeUpdate();
  }

  private static void setNullable(PreparedStatement s, int index, Object value, int type) throws SQLException {
    if (value == null) {
      s.setNull(index, type);
    } else {
      s.setObject(index, value);
    }
  }
}
