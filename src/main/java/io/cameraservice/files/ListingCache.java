package io.cameraservice.files;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently answered listing pages, valid only while no catalog write has committed since they were read (the lane's
 * generation). Dashboards poll the same first page again and again; between two recordings that page does not
 * change, so it is read and encoded once. Any write (a new file, a deletion, metadata) makes every entry stale.
 * Bounded in entries, and only pages of up to {@link #MAX_LIMIT} files are kept.
 */
final class ListingCache {

  static final int MAX_LIMIT = 200;

  /** What identifies a page: the query and whatever else its shape depends on (e.g. the links' expiry). */
  record Key(MediaKind kind, ListQuery query, Object tag) {}

  private record Entry(long generation, Object value) {}

  private final Map<Key, Entry> entries;

  ListingCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  static boolean keeps(ListQuery query) {
    return query.limit() <= MAX_LIMIT;
  }

  /** The page stored for {@code key} at {@code generation}, or null. */
  synchronized Object get(Key key, long generation) {
    Entry entry = entries.get(key);
    return entry != null && entry.generation == generation ? entry.value : null;
  }

  synchronized void put(Key key, long generation, Object value) {
    entries.put(key, new Entry(generation, value));
  }
}
