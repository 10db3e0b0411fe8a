package io.cameraservice.files;

import java.util.Map;

/** Files and bytes per kind, as of the last catalog write; cheap to read (metrics, storage info, retention). */
public record CatalogTotals(Map<MediaKind, KindTotals> byKind) {

  public static final CatalogTotals EMPTY = new CatalogTotals(Map.of());

  public record KindTotals(long files, long bytes) {}

  public long files(MediaKind kind) {
    KindTotals t = byKind.get(kind);
    return t == null ? 0 : t.files();
  }

  public long bytes(MediaKind kind) {
    KindTotals t = byKind.get(kind);
    return t == null ? 0 : t.bytes();
  }

  public long allBytes() {
    return byKind.values().stream().mapToLong(KindTotals::bytes).sum();
  }
}
