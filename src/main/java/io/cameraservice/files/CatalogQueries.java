package io.cameraservice.files;

import io.cameraservice.files.CatalogDatabase.Handle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog's read statements. Each method runs on a connection the caller holds. */
final class CatalogQueries {

  static final String COLUMNS = "kind, camera, filename, size, created_ms, modified_ms, state, format, duration,"
      + " width, height, needs_probe, id";
  /** What a listing shows; fewer columns than a full row, as each one read is a call into the driver. */
  private static final String LIST_COLUMNS = "camera, filename, size, modified_ms, format, duration";
  private static final String ORDER = " ORDER BY modified_ms DESC, filename DESC LIMIT ? OFFSET ?";
  private static final String LIST = "SELECT " + LIST_COLUMNS + " FROM media"
      + " WHERE kind = ? AND modified_ms >= ? AND modified_ms < ?" + ORDER;
  private static final String LIST_CAMERA = "SELECT " + LIST_COLUMNS + " FROM media"
      + " WHERE kind = ? AND camera = ? AND modified_ms >= ? AND modified_ms < ?" + ORDER;
  private static final String TOTAL = "SELECT COALESCE(SUM(files), 0) FROM totals WHERE kind = ?";
  private static final String TOTAL_CAMERA = "SELECT files FROM totals WHERE kind = ? AND camera = ?";
  private static final String COUNT_RANGE = "SELECT COUNT(*) FROM media"
      + " WHERE kind = ? AND modified_ms >= ? AND modified_ms < ?";
  private static final String COUNT_CAMERA_RANGE = "SELECT COUNT(*) FROM media"
      + " WHERE kind = ? AND camera = ? AND modified_ms >= ? AND modified_ms < ?";
  private static final String BY_NAME = "SELECT " + COLUMNS + " FROM media WHERE kind = ? AND stem = ?"
      + " AND filename = ?";
  private static final String AT = "SELECT " + COLUMNS + " FROM media"
      + " WHERE kind = ? AND camera = ? AND filename = ?";
  private static final String BY_STEM = "SELECT " + COLUMNS + " FROM media WHERE kind = ? AND stem = ?";
  private static final String OLDEST = "SELECT " + COLUMNS + " FROM media"
      + " WHERE kind = ? AND state = 0 AND modified_ms < ? ORDER BY modified_ms, filename LIMIT ?";
  private static final String TO_PROBE = "SELECT " + COLUMNS + " FROM media WHERE needs_probe = 1"
      + " ORDER BY modified_ms DESC LIMIT ?";
  private static final String VERSIONS = "SELECT filename, size, modified_ms, state FROM media"
      + " WHERE kind = ? AND camera = ?";
  private static final String CAMERAS = "SELECT camera FROM totals WHERE kind = ?";
  private static final String TOTALS = "SELECT kind, SUM(files), SUM(bytes) FROM totals GROUP BY kind";

  private CatalogQueries() {}

  /** A page of a listing; its files carry only what a listing shows (name, camera, size, time, format, duration). */
  static Page list(Handle db, MediaKind kind, ListQuery query) throws SQLException {
    PreparedStatement rows;
    int i = 1;
    if (query.camera() == null) {
      rows = db.prepare(LIST);
    } else {
      rows = db.prepare(LIST_CAMERA);
    }
    rows.setInt(i++, kind.code());
    if (query.camera() != null) {
      rows.setString(i++, query.camera());
    }
    rows.setLong(i++, query.sinceMs());
    rows.setLong(i++, query.untilMs());
    rows.setInt(i++, query.limit());
    rows.setLong(i, query.offset());
    List<MediaFile> files = new ArrayList<>(Math.min(query.limit(), 64));
    try (ResultSet rs = rows.executeQuery()) {
      while (rs.next()) {
        double duration = rs.getDouble(6);
        Double boxedDuration = rs.wasNull() ? null : duration;
        Instant modified = Instant.ofEpochMilli(rs.getLong(4));
        files.add(new MediaFile(kind, rs.getString(1), rs.getString(2), rs.getLong(3), modified, modified,
            MediaState.COMPLETE, rs.getString(5), boxedDuration, null, null, true, 0));
      }
    }
    return new Page(files, total(db, kind, query));
  }

  private static long total(Handle db, MediaKind kind, ListQuery query) throws SQLException {
    PreparedStatement count;
    if (query.hasTimeRange()) {
      count = db.prepare(query.camera() == null ? COUNT_RANGE : COUNT_CAMERA_RANGE);
    } else {
      count = db.prepare(query.camera() == null ? TOTAL : TOTAL_CAMERA);
    }
    int i = 1;
    count.setInt(i++, kind.code());
    if (query.camera() != null) {
      count.setString(i++, query.camera());
    }
    if (query.hasTimeRange()) {
      count.setLong(i++, query.sinceMs());
      count.setLong(i, query.untilMs());
    }
    try (ResultSet rs = count.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Files whose name is {@code name}, or whose name without extension is {@code name}. */
  static List<MediaFile> byName(Handle db, MediaKind kind, String name) throws SQLException {
    PreparedStatement exactly = db.prepare(BY_NAME);
    exactly.setInt(1, kind.code());
    exactly.setString(2, FileNames.stem(name));
    exactly.setString(3, name);
    List<MediaFile> exact = collect(exactly);
    return exact.isEmpty() ? select(db.prepare(BY_STEM), kind, name) : exact;
  }

  /** The file of this camera folder and name, or null. */
  static MediaFile at(Handle db, MediaKind kind, String camera, String filename) throws SQLException {
    List<MediaFile> found = collect(located(db.prepare(AT), kind, camera, filename));
    return found.isEmpty() ? null : found.get(0);
  }

  /** Binds a statement whose first three parameters are kind, camera and file name. */
  static PreparedStatement located(PreparedStatement s, MediaKind kind, String camera, String filename)
      throws SQLException {
    s.setInt(1, kind.code());
    s.setString(2, camera);
    s.setString(3, filename);
    return s;
  }

  /** Complete files modified before {@code beforeMs}, oldest first. */
  static List<MediaFile> oldestComplete(Handle db, MediaKind kind, long beforeMs, int limit) throws SQLException {
    PreparedStatement s = db.prepare(OLDEST);
    s.setInt(1, kind.code());
    s.setLong(2, beforeMs);
    s.setInt(3, limit);
    return collect(s);
  }

  static List<MediaFile> toProbe(Handle db, int limit) throws SQLException {
    PreparedStatement s = db.prepare(TO_PROBE);
    s.setInt(1, limit);
    return collect(s);
  }

  /** Size, modification time and state of every file of one camera folder, by name. */
  static Map<String, FileVersion> versions(Handle db, MediaKind kind, String camera) throws SQLException {
    PreparedStatement s = db.prepare(VERSIONS);
    s.setInt(1, kind.code());
    s.setString(2, camera);
    Map<String, FileVersion> out = new HashMap<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), new FileVersion(rs.getLong(2), rs.getLong(3), rs.getInt(4) == 1));
      }
    }
    return out;
  }

  static List<String> cameras(Handle db, MediaKind kind) throws SQLException {
    PreparedStatement s = db.prepare(CAMERAS);
    s.setInt(1, kind.code());
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static Map<MediaKind, CatalogTotals.KindTotals> totals(Handle db) throws SQLException {
    Map<MediaKind, CatalogTotals.KindTotals> out = new EnumMap<>(MediaKind.class);
    try (ResultSet rs = db.prepare(TOTALS).executeQuery()) {
      while (rs.next()) {
        out.put(MediaKind.ofCode(rs.getInt(1)), new CatalogTotals.KindTotals(rs.getLong(2), rs.getLong(3)));
      }
    }
    return out;
  }

  /** The catalog's idea of a file's version, compared with the disk by reconciliation. */
  record FileVersion(long size, long modifiedMs, boolean writing) {}

  private static List<MediaFile> select(PreparedStatement s, MediaKind kind, String value) throws SQLException {
    s.setInt(1, kind.code());
    s.setString(2, value);
    return collect(s);
  }

  private static List<MediaFile> collect(PreparedStatement s) throws SQLException {
    List<MediaFile> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  static MediaFile row(ResultSet rs) throws SQLException {
    double duration = rs.getDouble(9);
    Double boxedDuration = rs.wasNull() ? null : duration;
    int width = rs.getInt(10);
    Integer boxedWidth = rs.wasNull() ? null : width;
    int height = rs.getInt(11);
    Integer boxedHeight = rs.wasNull() ? null : height;
    return new MediaFile(MediaKind.ofCode(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getLong(4),
        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
        rs.getInt(7) == 1 ? MediaState.WRITING : MediaState.COMPLETE, rs.getString(8), boxedDuration, boxedWidth,
        boxedHeight, rs.getInt(12) == 0, rs.getLong(13));
  }
}
