package io.cameraservice.camera;

import io.cameraservice.config.V4l2Settings;
import io.cameraservice.governance.WorkPools;
import io.cameraservice.process.Commands;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V4L2 cameras: a scan of the device tree at start, on every change in {@code <dev_root>} (hot-plug, watched with
 * the platform's file watcher) and every {@code scan_interval_seconds} (reconciliation, in case an event was
 * missed). A new node is probed with {@code v4l2-ctl --list-formats-ext}; a node without capture formats is not a
 * camera (and is not probed again while it stays). A camera whose node is gone becomes DISCONNECTED and keeps its id
 * for when it comes back.
 */
public final class V4l2Discovery {

  private static final Logger LOG = LoggerFactory.getLogger(V4l2Discovery.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  /** udev creates a node and its links in several steps; one scan shortly after the first event sees them all. */
  private static final long SETTLE_MS = 150;

  private final V4l2Settings settings;
  private final V4l2Tree tree;
  private final CameraRegistry registry;
  private final CameraLoop loop;
  private final WorkPools pools;
  /** Stable key to the id it has in the registry, for cameras this source owns. */
  private final Map<String, String> owned = new HashMap<>();
  /** Stable keys of present nodes that were probed and have no capture formats (codec, metadata nodes). */
  private final Set<String> notCameras = new HashSet<>();
  private boolean scanning;
  private boolean rescan;
  private boolean settling;
  private long periodic = -1;
  private volatile WatchService watcher;
  private volatile boolean active;
  private volatile boolean firstScanDone;
  private final io.vertx.core.Promise<Void> firstScan = io.vertx.core.Promise.promise();

  public V4l2Discovery(V4l2Settings settings, CameraRegistry registry, CameraLoop loop, WorkPools pools) {
    this.settings = settings;
    this.tree = new V4l2Tree(settings.sysPath(), settings.devPath());
    this.registry = registry;
    this.loop = loop;
    this.pools = pools;
  }

  /** Starts discovery; the future completes when the first scan is done (at once when V4L2 is disabled). */
  public Future<Void> start() {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    active = true;
    loop.run(() -> {
      scan();
      periodic = loop.periodic(settings.scanIntervalSeconds() * 1000L, this::scan);
    });
    startWatcher();
    return firstScan.future();
  }

  public void stop() {
    active = false;
    loop.run(() -> {
      if (periodic >= 0) {
        loop.cancel(periodic);
      }
    });
    WatchService w = watcher;
    if (w != null) {
      try {
        w.close();
      } catch (IOException e) {
        LOG.debug("closing the /dev watcher: {}", e.toString());
      }
    }
  }

  public boolean active() {
    return active;
  }

  /** True once the first scan has finished (or when V4L2 is disabled). */
  public boolean ready() {
    return !settings.enabled() || firstScanDone;
  }

  /** Scans now; a scan requested while one runs is done once more right after it. Runs on the loop. */
  public void scan() {
    if (!active) {
      return;
    }
    if (scanning) {
      rescan = true;
      return;
    }
    scanning = true;
    pools.fs().submit(tree::scan)
        .compose(this::reconcile)
        .onComplete(done -> loop.run(() -> {
          if (done.failed()) {
            LOG.warn("V4L2 scan failed: {}", done.cause().toString());
          }
          firstScanDone = true;
          firstScan.tryComplete();
          scanning = false;
          if (rescan) {
            rescan = false;
            scan();
          }
        }));
  }

  private Future<Void> reconcile(List<V4l2Tree.Node> nodes) {
    return loop.call(() -> {
      Set<String> present = nodes.stream().map(V4l2Tree.Node::stableKey).collect(Collectors.toSet());
      notCameras.retainAll(present); // a node that comes back is probed again
      for (Map.Entry<String, String> e : owned.entrySet()) {
        if (!present.contains(e.getKey())) {
          registry.status(e.getValue(), CameraStatus.DISCONNECTED);
        }
      }
      List<Future<Void>> probes = new ArrayList<>();
      for (V4l2Tree.Node node : nodes) {
        String id = owned.get(node.stableKey());
        Camera known = id == null ? null : registry.find(id);
        boolean samePlace = known != null && known.source() instanceof V4l2Capture
            && ((V4l2Capture) known.source()).device().equals(node.devicePath());
        if ((known == null || !known.connected() || !samePlace) && !notCameras.contains(node.stableKey())) {
          probes.add(probe(node));
        }
      }
      return Future.join(probes).mapEmpty();
    });
  }

  private Future<Void> probe(V4l2Tree.Node node) {
    List<String> command = List.of(settings.probeCommand(), "--device=" + node.devicePath(), "--list-formats-ext");
    return pools.process().submit(() -> Commands.run(command, PROBE_TIMEOUT))
        .map(result -> {
          if (!result.succeeded()) {
            LOG.warn("{} failed for video{}: {}", settings.probeCommand(), node.number(), result.reason());
            return (List<VideoFormat>) null;
          }
          return V4l2FormatParser.parse(result.stdout());
        })
        .recover(e -> {
          LOG.warn("cannot run {} for video{}: {}", settings.probeCommand(), node.number(), e.toString());
          return Future.succeededFuture(null);
        })
        .compose(formats -> loop.call(() -> {
          add(node, formats);
          return Future.succeededFuture();
        }));
  }

  /** {@code formats} is null when the probe could not run: the camera is kept, read in the device's own mode. */
  private void add(V4l2Tree.Node node, List<VideoFormat> formats) {
    if (formats != null && formats.isEmpty()) {
      LOG.debug("video{} has no capture formats, not a camera", node.number());
      notCameras.add(node.stableKey());
      return;
    }
    String id = owned.get(node.stableKey());
    if (id == null) {
      if (registry.full()) {
        LOG.warn("video{} ignored: cameras.max_cameras reached", node.number());
        return;
      }
      id = registry.idForDevice(node.stableKey(), node.number());
      owned.put(node.stableKey(), id);
    }
    CameraCapabilities caps = formats == null ? CameraCapabilities.UNKNOWN : new CameraCapabilities(formats);
    V4l2Capture mode = CaptureModeChooser.choose(node.devicePath(), caps.formats(), settings.preferredSize(),
        settings.preferredFps());
    registry.put(new Camera(id, node.label(), CameraStatus.CONNECTED, mode, caps,
        formats == null ? ValidationStatus.NONE : ValidationStatus.CONFIRMED, node.stableKey()));
    LOG.info("{} is video{} ({}), read as {} {} at {} fps", id, node.number(), node.label(), mode.fourcc(),
        mode.size(), mode.fps());
  }

  private void startWatcher() {
    Path dev = settings.devPath();
    if (!Files.isDirectory(dev)) {
      LOG.info("{} does not exist; V4L2 hot-plug relies on the periodic scan", dev);
      return;
    }
    try {
      WatchService w = FileSystems.getDefault().newWatchService();
      dev.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
      watcher = w;
    } catch (IOException e) {
      LOG.warn("cannot watch {} ({}); V4L2 hot-plug relies on the periodic scan", dev, e.toString());
      return;
    }
    Thread thread = new Thread(this::watch, "cs-v4l2-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    try {
      while (active) {
        WatchKey key = watcher.take();
        boolean video = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          Object context = event.context();
          video |= event.kind() == StandardWatchEventKinds.OVERFLOW
              || (context != null && context.toString().startsWith("video"));
        }
        key.reset();
        if (video) {
          loop.run(this::scanSoon);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      LOG.debug("V4L2 watcher closed");
    }
  }

  private void scanSoon() {
    if (!settling) {
      settling = true;
      loop.timer(SETTLE_MS, () -> {
        settling = false;
        scan();
      });
    }
  }
}
