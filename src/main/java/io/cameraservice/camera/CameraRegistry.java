package io.cameraservice.camera;

import io.cameraservice.events.Event;
import io.cameraservice.events.EventHub;
import io.cameraservice.events.Topics;
import io.cameraservice.system.CameraOverview;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Every camera the service knows, by id, and the camera events. Changes happen on the {@link CameraLoop} only (so
 * events leave in order); reads are lock-free from any thread.
 *
 * <p>Ids: configured cameras keep the id configuration gives them. A V4L2 node {@code /dev/videoN} becomes
 * {@code cameraN}, except that a device seen before (same stable key, e.g. its {@code /dev/v4l/by-id} name) gets
 * its earlier id back, and an id already held by another camera is never reused: the device then gets the lowest
 * free id above it. Cameras added at run time get ids from {@code camera100} up.
 */
public final class CameraRegistry implements CameraOverview {

  public static final int DYNAMIC_ID_BASE = 100;

  private final Map<String, Camera> cameras = new ConcurrentHashMap<>();
  private final Map<String, String> idsByKey = new HashMap<>();
  private final Set<String> reserved = new HashSet<>();
  private final List<Consumer<Camera>> listeners = new CopyOnWriteArrayList<>();
  private final EventHub events;
  private final LiveLinks links;
  private final int maxCameras;
  private volatile BooleanSupplier discoveryActive = () -> false;

  public CameraRegistry(EventHub events, LiveLinks links, int maxCameras) {
    this.events = events;
    this.links = links;
    this.maxCameras = maxCameras;
  }

  public void discoveryActive(BooleanSupplier active) {
    this.discoveryActive = active;
  }

  /** Called with the new value after every change (status DISCONNECTED for a removed camera). */
  public void onChange(Consumer<Camera> listener) {
    listeners.add(listener);
  }

  public Camera find(String id) {
    return cameras.get(id);
  }

  /** All cameras ordered by the number in their id. */
  public List<Camera> all() {
    return cameras.values().stream().sorted(Comparator.comparingLong(c -> number(c.id()))).toList();
  }

  public boolean full() {
    return cameras.size() >= maxCameras;
  }

  public LiveLinks links() {
    return links;
  }

  /** Keeps a configured id for its camera. */
  public void reserve(String id, String stableKey) {
    reserved.add(id);
    idsByKey.put(stableKey, id);
  }

  /** The id for a V4L2 node: its earlier id if the device was seen before, else cameraN if free. */
  public String idForDevice(String stableKey, int nodeNumber) {
    String known = idsByKey.get(stableKey);
    if (known != null) {
      return known;
    }
    String id = firstFree(nodeNumber);
    idsByKey.put(stableKey, id);
    return id;
  }

  /** A fresh id for a camera added at run time. */
  public String newDynamicId(String stableKey) {
    String known = idsByKey.get(stableKey);
    if (known != null && !cameras.containsKey(known)) {
      return known;
    }
    String id = firstFree(DYNAMIC_ID_BASE);
    idsByKey.put(stableKey, id);
    return id;
  }

  private String firstFree(int from) {
    for (int n = from; ; n++) {
      String id = "camera" + n;
      if (!reserved.contains(id) && !cameras.containsKey(id) && !idsByKey.containsValue(id)) {
        return id;
      }
    }
  }

  /** Adds or replaces a camera and publishes what changed. */
  public void put(Camera camera) {
    Camera old = cameras.put(camera.id(), camera);
    if (camera.equals(old)) {
      return;
    }
    String topic;
    if (camera.status() == CameraStatus.CONNECTED && (old == null || old.status() == CameraStatus.DISCONNECTED)) {
      topic = Topics.CAMERA_CONNECTED;
    } else if (camera.status() == CameraStatus.DISCONNECTED && old != null && old.connected()) {
      topic = Topics.CAMERA_DISCONNECTED;
    } else {
      topic = Topics.CAMERA_STATUS_CHANGE;
    }
    publish(topic, camera);
  }

  /** Changes only the status of a known camera (no-op for an unknown one). */
  public void status(String id, CameraStatus status) {
    Camera camera = cameras.get(id);
    if (camera != null && camera.status() != status) {
      put(camera.withStatus(status));
    }
  }

  public void remove(String id) {
    Camera old = cameras.remove(id);
    if (old != null) {
      publish(Topics.CAMERA_DISCONNECTED, old.withStatus(CameraStatus.DISCONNECTED));
    }
  }

  private void publish(String topic, Camera camera) {
    events.publish(new Event(topic, camera.id(), "camera_status_update",
        CameraNotifications.statusUpdate(camera, links)));
    listeners.forEach(l -> l.accept(camera));
  }

  @Override
  public List<String> available() {
    return all().stream().filter(c -> c.status() == CameraStatus.CONNECTED).map(Camera::id).toList();
  }

  @Override
  public List<String> known() {
    return all().stream().map(Camera::id).toList();
  }

  @Override
  public boolean discoveryActive() {
    return discoveryActive.getAsBoolean();
  }

  static long number(String id) {
    return Long.parseLong(id.substring("camera".length()));
  }
}
