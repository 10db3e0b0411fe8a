package io.cameraservice.media;

import io.cameraservice.domain.Failure;
import io.cameraservice.camera.Camera;
import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.Topics;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recordings in progress, at most one per camera: {@code start_recording} / {@code stop_recording}, and a
 * {@code recording_status_update} on every transition. Camera loop only.
 */
final class Recordings implements Recording.Listener {

  private final Map<String, Recording> active = new HashMap<>();
  private final Map<Recording, Pipeline.Lease> leases = new HashMap<>();
  private final Map<Recording, LiveFeed> feeds = new HashMap<>();
  private final Recording.Context context;
  private final EventHub events;
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong stopped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private volatile int activeCount;

  Recordings(Recording.Context context, EventHub events) {
    this.context = context;
    this.events = events;
  }

  Recording find(String cameraId) {
    return active.get(cameraId);
  }

  Future<RecordingView> start(Camera camera, Pipeline pipeline, RecordingFormat format, Double seconds) {
    Recording current = active.get(camera.id());
    if (current != null) {
      return Future.failedFuture(Failure.invalidState("already_recording", current.status().name(),
          List.of("STOPPED")).with("filename", current.firstFile()));
    }
    Recording recording = new Recording(camera.id(), format, seconds, context, this);
    active.put(camera.id(), recording); // holds the place while the catalog and the disk answer
    return recording.open()
        .compose(v -> {
          if (recording.finishing()) {
            return Future.succeededFuture(); // stopped while its file opened: it never takes the camera
          }
          Pipeline.Lease lease = pipeline.acquire();
          leases.put(recording, lease);
          started.incrementAndGet();
          activeCount = active.size();
          publish(recording);
          return pipeline.ready().map(feed -> {
            if (!recording.finishing()) {
              feeds.put(recording, feed);
              feed.attach(recording);
            }
            return feed;
          }).recover(e -> recording.finish(Recording.Status.ERROR, reason(e))
              .transform(x -> Future.failedFuture(e)));
        })
        .map(feed -> RecordingView.of(recording))
        .onFailure(e -> {
          if (active.get(camera.id()) == recording && !leases.containsKey(recording)) {
            active.remove(camera.id()); // refused before it began: no trace
            activeCount = active.size();
          }
        });
  }

  Future<RecordingView> stop(String cameraId) {
    Recording recording = active.get(cameraId);
    if (recording == null || recording.finishing()) {
      return Future.failedFuture(Failure.invalidState("not_recording", "STOPPED",
          List.of("RECORDING", "STARTING")));
    }
    return recording.finish(Recording.Status.STOPPED, null).compose(v -> recording.status() == Recording.Status.ERROR
        ? Future.failedFuture(Failure.dependencyFailed("recording_failed", "disk", recording.error()))
        : Future.succeededFuture(RecordingView.of(recording)));
  }

  /** Ends every recording normally (service shutdown); completes when all files are final. */
  Future<Void> stopAll() {
    List<Future<Void>> all = new ArrayList<>();
    List.copyOf(active.values()).forEach(r -> all.add(r.finish(Recording.Status.STOPPED, null)));
    return Future.join(all).mapEmpty();
  }

  @Override
  public void changed(Recording recording) {
    if (leases.containsKey(recording) || recording.status() == Recording.Status.STOPPED
        || recording.status() == Recording.Status.ERROR) {
      publish(recording);
    }
    if (recording.status() == Recording.Status.STOPPED || recording.status() == Recording.Status.ERROR) {
      (recording.status() == Recording.Status.ERROR ? failed : stopped).incrementAndGet();
      bytesWritten.addAndGet(recording.bytes());
    }
  }

  @Override
  public void ended(Recording recording) {
    LiveFeed feed = feeds.remove(recording);
    if (feed != null) {
      feed.detach(recording);
    }
    Pipeline.Lease lease = leases.remove(recording);
    if (lease != null) {
      lease.close();
    }
    if (active.get(recording.cameraId()) == recording) {
      active.remove(recording.cameraId());
      activeCount = active.size();
    }
  }

  private void publish(Recording r) {
    String topic = switch (r.status()) {
      case STARTING, RECORDING -> Topics.RECORDING_START;
      case STOPPED -> Topics.RECORDING_STOP;
      case ERROR -> Topics.RECORDING_ERROR;
    };
    events.publish(new Event(topic, r.cameraId(), "recording_status_update",
        MediaNotifications.recordingStatus(RecordingView.of(r))));
  }

  /** The counters behind {@code recording_metrics}. */
  record Totals(int active, long started, long stopped, long failed, long bytesWritten) { }

  Totals totals() {
    return new Totals(activeCount, started.get(), stopped.get(), failed.get(), bytesWritten.get());
  }

  int activeCount() {
    return activeCount;
  }

  /** What went wrong, for people: the detail of a service error, else the message. */
  private static String reason(Throwable e) {
    if (e instanceof Failure f && f.detail("detail") != null) {
      return String.valueOf(f.detail("detail"));
    }
    return e.getMessage();
  }
}
