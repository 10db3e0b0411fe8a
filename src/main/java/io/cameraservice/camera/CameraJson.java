package io.cameraservice.camera;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The contract's Camera object and its relatives. Device paths and source URLs never appear here. */
public final class CameraJson {

  private final LiveLinks links;

  public CameraJson(LiveLinks links) {
    this.links = links;
  }

  /** {@code {device, status, name, resolution, fps, streams}} as in {@code get_camera_list}. */
  public JsonObject camera(Camera camera) {
    double fps = camera.fps();
    return new JsonObject()
        .put("device", camera.id())
        .put("status", camera.status().name())
        .put("name", camera.name())
        .put("resolution", camera.resolution())
        .put("fps", fps == Math.rint(fps) ? (Object) (int) fps : (Object) fps)
        .put("streams", camera.connected() ? links.streams(camera) : new JsonObject());
  }

  public JsonObject capabilities(Camera camera) {
    CameraCapabilities caps = camera.capabilities();
    return new JsonObject()
        .put("device", camera.id())
        .put("formats", new JsonArray(caps.formatNames()))
        .put("resolutions", new JsonArray(caps.resolutions()))
        .put("fps_options", new JsonArray(caps.fpsOptions()))
        .put("validation_status", camera.validation().name());
  }
}
