package io.cameraservice.retention;

import io.cameraservice.domain.Failure;
import io.cameraservice.config.StorageSettings;
import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.Topics;
import io.cameraservice.files.DeletionReason;
import io.cameraservice.files.FreeSpaceFloor;
import io.cameraservice.files.MediaCatalog;
import io.cameraservice.files.MediaKind;
import io.cameraservice.governance.AlertNotifications;
import io.cameraservice.governance.WorkPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches free space on the data directory's file system. Below {@code storage.warning_free_percent} it raises a
 * warning {@code system_alert} and {@code get_storage_info} reports {@code low_space_warning}; below the floor
 * (max of {@code storage.min_free_bytes} and {@code storage.min_free_percent}) it raises a critical alert, new media
 * are refused with -32060 and, with {@code storage.reclaim_when_full}, the oldest complete recordings are deleted
 * until the floor is met again. Leaving a level needs 1% of the disk above its threshold (hysteresis), and then a
 * {@code resolved} alert is sent when space is back above the warning level.
 */
public final class DiskSpaceGuard implements FreeSpaceFloor, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceGuard.class);
  private static final String ALERT = "low_disk_space";

  public enum Level { NORMAL, WARNING, CRITICAL }

  private final StorageSettings settings;
  private final Path dataDir;
  private final MediaCatalog catalog;
  private final OldestFirst oldestFirst;
  private final EventHub events;
  private final WorkPool files;
  private final Clock clock;
  private final AtomicBoolean reclaiming = new AtomicBoolean();
  private volatile SpaceSample last = new SpaceSample(0, 0, 0);
  private volatile Level level = Level.NORMAL;
  private FileStore store;
  private Vertx vertx;
  private long timer = -1;

  public DiskSpaceGuard(StorageSettings settings, MediaCatalog catalog, EventHub events, WorkPool files,
      Clock clock, MeterRegistry registry) {
    this.settings = settings;
    this.dataDir = settings.dataPath();
    this.catalog = catalog;
    this.oldestFirst = new OldestFirst(catalog);
    this.events = events;
    this.files = files;
    this.clock = clock;
    Gauge.builder("storage_total_bytes", () -> last.total()).register(registry);
    Gauge.builder("storage_available_bytes", () -> last.usable()).register(registry);
    Gauge.builder("storage_floor_bytes", () -> floorBytes(last.total())).register(registry);
    Gauge.builder("storage_warning_bytes", () -> warningBytes(last.total())).register(registry);
    Gauge.builder("storage_low_space_level", () -> level.ordinal())
        .description("0 normal, 1 below the warning level, 2 below the floor").register(registry);
  }

  /** Samples now and every {@code storage.check_interval_seconds}. */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    sample();
    timer = vertx.setPeriodic(settings.checkIntervalSeconds() * 1000L, id -> sample());
  }

  /** A fresh sample of the file system (on the file pool); levels, alerts and reclaim follow from it. */
  public Future<SpaceSample> sample() {
    return files.submit(this::read).onSuccess(this::evaluate);
  }

  @Override
  public Future<Void> ensureFree(long requiredBytes) {
    return sample().compose(s -> {
      long floor = floorBytes(s.total());
      if (s.usable() - requiredBytes >= floor) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(Failure.noSpace(s.usable(), floor + requiredBytes));
    });
  }

  public Level level() {
    return level;
  }

  public long floorBytes(long total) {
    return Math.max(settings.minFreeBytes(), Math.round(total * (settings.minFreePercent() / 100.0)));
  }

  public long warningBytes(long total) {
    return Math.max(floorBytes(total), Math.round(total * (settings.warningFreePercent() / 100.0)));
  }

  private SpaceSample read() throws java.io.IOException {
    if (store == null) {
      store = Files.getFileStore(dataDir);
    }
    return new SpaceSample(store.getTotalSpace(), store.getUsableSpace(), store.getUnallocatedSpace());
  }

  private synchronized void evaluate(SpaceSample sample) {
    last = sample;
    long free = sample.usable();
    long floor = floorBytes(sample.total());
    long warning = warningBytes(sample.total());
    long margin = sample.total() / 100;
    // A level, once reached, is left only a margin above its threshold (warning >= floor always).
    Level next;
    if (free < floor || level == Level.CRITICAL && free < floor + margin) {
      next = Level.CRITICAL;
    } else if (free < warning || level != Level.NORMAL && free < warning + margin) {
      next = Level.WARNING;
    } else {
      next = Level.NORMAL;
    }
    if (next != level) {
      Level previous = level;
      level = next;
      alert(previous, next, free, next == Level.CRITICAL ? floor : warning);
    }
    if (next == Level.CRITICAL && settings.reclaimWhenFull()) {
      reclaim(floor + margin);
    }
  }

  private void alert(Level from, Level to, long free, long threshold) {
    String severity = to == Level.NORMAL ? "resolved" : to.name().toLowerCase(Locale.ROOT);
    String message;
    if (to == Level.CRITICAL) {
      message = "free space " + free + " bytes is below the floor of " + threshold
          + " bytes: new recordings and snapshots are refused"
          + (settings.reclaimWhenFull() ? "; deleting the oldest recordings" : "");
    } else if (to == Level.WARNING) {
      message = "free space " + free + " bytes is below the warning level of " + threshold + " bytes";
    } else {
      message = "free space " + free + " bytes is back above the warning level of " + threshold + " bytes";
    }
    if (to == Level.NORMAL) {
      LOG.info("disk space: {}", message);
    } else {
      LOG.warn("disk space ({} -> {}): {}", from, to, message);
    }
    events.publish(new Event(Topics.SYSTEM_ALERT, null, "system_alert",
        AlertNotifications.systemAlert(ALERT, severity, free, threshold, message, clock.instant())));
  }

  /** Deletes the oldest complete recordings until {@code target} bytes are free, then samples again. */
  private void reclaim(long target) {
    if (!reclaiming.compareAndSet(false, true)) {
      return;
    }
    oldestFirst.freeBytes(EnumSet.of(MediaKind.RECORDING),
        () -> files.submit(this::read).map(s -> target - s.usable()), DeletionReason.RECLAIM)
        .onComplete(done -> {
          reclaiming.set(false);
          if (done.failed()) {
            LOG.warn("reclaiming disk space failed: {}", done.cause().toString());
          } else if (done.result().files() > 0) {
            LOG.warn("reclaimed {} bytes by deleting the {} oldest recording(s)", done.result().bytes(),
                done.result().files());
          }
          if (done.succeeded() && done.result().files() > 0) {
            sample();
          }
        });
  }

  /** The level and the last sample, without sampling again. */
  public SpaceStatus status() {
    SpaceSample s = last;
    return new SpaceStatus(level, s, floorBytes(s.total()), warningBytes(s.total()), settings.reclaimWhenFull(),
        catalog.totals().bytes(MediaKind.RECORDING), catalog.totals().bytes(MediaKind.SNAPSHOT));
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
