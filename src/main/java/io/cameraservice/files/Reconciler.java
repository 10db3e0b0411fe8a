package io.cameraservice.files;

import io.cameraservice.files.CatalogQueries.FileVersion;
import io.cameraservice.governance.WorkPool;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the catalog with the folders and fixes the catalog: files added or removed behind the service's back
 * appear or disappear. The scan runs on the file pool and only the differences are written, in batches, so that
 * user requests interleave with a large reconciliation. Each changed name is looked at again when its batch is
 * written, so a file a user deleted meanwhile is never brought back.
 */
final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** Rows per write transaction: large enough that each index page is written once for many rows. */
  private static final int BATCH = 4_000;

  private final MediaCatalog catalog;
  private final WorkPool files;
  /** Camera folder to how many names in it the JVM cannot map (see FileNames.isMappable), at its last scan. */
  private final Map<Path, Integer> unmappable = new ConcurrentHashMap<>();
  private Future<Integer> running;

  Reconciler(MediaCatalog catalog, WorkPool files) {
    this.catalog = catalog;
    this.files = files;
  }

  /** Reconciles every camera folder of both kinds; answers how many catalog rows changed. */
  synchronized Future<Integer> sweep() {
    if (running != null && !running.isComplete()) {
      return running;
    }
    long started = System.nanoTime();
    Future<Integer> sweep = Future.succeededFuture(0);
    for (MediaKind kind : MediaKind.values()) {
      sweep = sweep.compose(n -> sweepKind(kind).map(m -> n + m));
    }
    running = sweep.onSuccess(changed -> {
      if (changed > 0) {
        LOG.info("catalog reconciled with the folders in {} ms: {} change(s)",
            (System.nanoTime() - started) / 1_000_000, changed);
      }
    }).onFailure(e -> LOG.warn("catalog reconciliation failed: {}", e.toString()));
    return running;
  }

  /** Reconciles one camera folder (e.g. one that just appeared). */
  Future<Integer> sweepCamera(MediaKind kind, String camera) {
    Path folder = catalog.folder(kind).resolve(camera);
    return files.submit(() -> scanCamera(kind, folder)).compose(disk -> reconcile(kind, camera, disk));
  }

  private Future<Integer> sweepKind(MediaKind kind) {
    return files.submit(() -> scan(kind)).compose(disk -> catalog.cameras(kind).compose(known -> {
      Set<String> cameras = new TreeSet<>(disk.keySet());
      cameras.addAll(known);
      Future<Integer> all = Future.succeededFuture(0);
      for (String camera : cameras) {
        Map<String, DiskEntry> onDisk = disk.getOrDefault(camera, Map.of());
        all = all.compose(n -> reconcile(kind, camera, onDisk).map(m -> n + m));
      }
      return all;
    }));
  }

  private Future<Integer> reconcile(MediaKind kind, String camera, Map<String, DiskEntry> disk) {
    return catalog.versions(kind, camera).compose(known -> {
      List<String> changed = new ArrayList<>();
      disk.forEach((name, entry) -> {
        FileVersion version = known.get(name);
        if (version == null || version.size() != entry.size() || version.modifiedMs() != entry.modifiedMs()) {
          changed.add(name);
        }
      });
      known.forEach((name, version) -> {
        if (!version.writing() && !disk.containsKey(name)) {
          changed.add(name);
        }
      });
      // In name order: names carry the time, so every index is filled nearly in order, page after page.
      Collections.sort(changed);
      Future<Integer> written = Future.succeededFuture(0);
      for (int from = 0; from < changed.size(); from += BATCH) {
        List<String> batch = changed.subList(from, Math.min(changed.size(), from + BATCH));
        written = written.compose(n -> catalog.refresh(kind, camera, batch).map(m -> n + m));
      }
      return written;
    });
  }

  /** Camera folder name to the catalogued files in it. */
  private Map<String, Map<String, DiskEntry>> scan(MediaKind kind) throws IOException {
    Map<String, Map<String, DiskEntry>> out = new HashMap<>();
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(catalog.folder(kind))) {
      for (Path folder : folders) {
        if (FileNames.isCameraFolder(folder)) {
          out.put(folder.getFileName().toString(), scanCamera(kind, folder));
        }
      }
    } catch (NoSuchFileException e) {
      LOG.debug("{} does not exist", catalog.folder(kind));
    }
    return out;
  }

  /** Names skipped at the last scans because the JVM cannot map them; they are never fatal to a sweep. */
  int unmappableNames() {
    return unmappable.values().stream().mapToInt(Integer::intValue).sum();
  }

  private Map<String, DiskEntry> scanCamera(MediaKind kind, Path folder) throws IOException {
    Map<String, DiskEntry> out = new HashMap<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    int[] skipped = {0};
    Files.walkFileTree(folder, Set.of(), 1, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        if (!FileNames.isMappable(name)) {
          if (skipped[0]++ == 0) {
            LOG.warn("skipping {} in {}: the JVM's file name encoding ({}) cannot map it; start the service with "
                + "-Dsun.jnu.encoding=UTF-8", name, folder, System.getProperty("sun.jnu.encoding"));
          }
        } else if (attrs.isRegularFile() && FileNames.isCatalogued(kind, name)) {
          out.put(name, DiskEntry.of(attrs));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        LOG.debug("cannot read {}: {}", file, e.toString());
        return FileVisitResult.CONTINUE;
      }
    });
    unmappable.put(folder, skipped[0]);
    return out;
  }
}
