package io.cameraservice.files;

import io.cameraservice.governance.WorkPool;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up changes made behind the service's back within about a second: the kind folders and every camera folder
 * are watched (inotify on Linux), and the events are drained by a timer on the file pool, so no thread blocks
 * waiting for them and bursts of events for one file (a file being written) collapse into one catalog update.
 * Lost events (queue overflow) lead to a full sweep; the periodic sweep covers anything else.
 */
final class FolderWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);
  static final long DRAIN_INTERVAL_MS = 500;

  private record Folder(MediaKind kind, String camera) {}

  private final MediaCatalog catalog;
  private final Reconciler reconciler;
  private final WorkPool files;
  private final Map<WatchKey, Folder> folders = new ConcurrentHashMap<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private WatchService watcher;
  private Vertx vertx;
  private long timer = -1;

  FolderWatcher(MediaCatalog catalog, Reconciler reconciler, WorkPool files) {
    this.catalog = catalog;
    this.reconciler = reconciler;
    this.files = files;
  }

  /** Registers the folders (blocking, on the file pool) and starts draining events. */
  Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    return files.<Void>submit(() -> {
      watcher = FileSystems.getDefault().newWatchService();
      for (MediaKind kind : MediaKind.values()) {
        register(kind, null);
        try (DirectoryStream<Path> cameras = Files.newDirectoryStream(catalog.folder(kind))) {
          for (Path camera : cameras) {
            if (FileNames.isCameraFolder(camera)) {
              register(kind, camera.getFileName().toString());
            }
          }
        }
      }
      return null;
    }).onSuccess(v -> timer = vertx.setPeriodic(DRAIN_INTERVAL_MS, id -> drain()))
        .onFailure(e -> LOG.warn("cannot watch the media folders ({}); relying on the periodic sweep", e.toString()));
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    files.submit(this::collect).compose(this::apply)
        .onComplete(done -> {
          draining.set(false);
          if (done.failed()) {
            LOG.debug("applying folder changes failed: {}", done.cause().toString());
          }
        });
  }

  /** What changed since the last drain. */
  private record Changes(Map<Folder, Set<String>> names, List<Folder> newFolders, boolean overflow) {}

  private Changes collect() throws IOException {
    Map<Folder, Set<String>> names = new HashMap<>();
    List<Folder> newFolders = new ArrayList<>();
    boolean overflow = false;
    WatchKey key;
    try {
      while ((key = watcher.poll()) != null) {
        Folder folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            overflow = true;
            continue;
          }
          String name = event.context().toString();
          if (folder == null) {
            continue;
          }
          if (folder.camera() == null) {
            Path path = catalog.folder(folder.kind()).resolve(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && FileNames.isCameraFolder(path)) {
              register(folder.kind(), name);
              newFolders.add(new Folder(folder.kind(), name));
            }
          } else if (FileNames.isCatalogued(folder.kind(), name)) {
            names.computeIfAbsent(folder, f -> new HashSet<>()).add(name);
          }
        }
        if (!key.reset()) {
          folders.remove(key);
        }
      }
    } catch (ClosedWatchServiceException e) {
      return new Changes(Map.of(), List.of(), false);
    }
    return new Changes(names, newFolders, overflow);
  }

  private Future<Void> apply(Changes changes) {
    if (changes.overflow()) {
      return reconciler.sweep().mapEmpty();
    }
    Future<?> all = Future.succeededFuture();
    for (Map.Entry<Folder, Set<String>> e : changes.names().entrySet()) {
      all = all.compose(v -> catalog.refresh(e.getKey().kind(), e.getKey().camera(), e.getValue()));
    }
    for (Folder folder : changes.newFolders()) {
      all = all.compose(v -> reconciler.sweepCamera(folder.kind(), folder.camera()));
    }
    return all.mapEmpty();
  }

  private void register(MediaKind kind, String camera) throws IOException {
    Path path = camera == null ? catalog.folder(kind) : catalog.folder(kind).resolve(camera);
    WatchKey key = path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
    folders.put(key, new Folder(kind, camera));
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        LOG.debug("closing the folder watcher failed: {}", e.toString());
      }
    }
  }
}
