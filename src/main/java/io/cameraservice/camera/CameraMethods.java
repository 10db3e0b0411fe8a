package io.cameraservice.camera;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodError;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/** {@code get_camera_list}, {@code get_camera_status} and {@code get_camera_capabilities}. */
public final class CameraMethods {

  /** The {@code device} parameter every camera method takes. */
  public static Param device() {
    return Param.string("device").required().pattern("^camera[0-9]+$").about("camera id, e.g. camera0");
  }

  private final CameraRegistry registry;
  private final CameraActivity activity;

  public CameraMethods(CameraRegistry registry, CameraActivity activity) {
    this.registry = registry;
    this.activity = activity;
  }

  public void registerInto(MethodRegistry methods) {
    methods.register(MethodSpec.method("get_camera_list", Access.VIEWER, RateClass.STATUS)
        .summary("Lists every camera with its status, format and the live streams it offers.")
        .returns("{cameras: [Camera], total, connected}; Camera = {device, status, name, resolution, fps, streams}")
        .handledBy(this::list));
    methods.register(MethodSpec.method("get_camera_status", Access.VIEWER, RateClass.STATUS)
        .summary("Reports one camera with its streaming metrics and capabilities.")
        .params(device())
        .returns("Camera + {metrics: {bytes_sent, readers, uptime}, capabilities: {formats, resolutions}}")
        .errors(MethodError.notFound("camera_not_found"))
        .handledBy(this::status));
    methods.register(MethodSpec.method("get_camera_capabilities", Access.VIEWER, RateClass.STATUS)
        .summary("Lists the formats, resolutions and frame rates a camera can deliver.")
        .params(device())
        .returns("{device, formats, resolutions, fps_options, validation_status: NONE|DISCONNECTED|CONFIRMED}")
        .errors(MethodError.notFound("camera_not_found"))
        .handledBy(call -> Future.succeededFuture(capabilities(camera(registry, call)))));
  }

  /** The camera a call names, or -32010. */
  public static Camera camera(CameraRegistry registry, Call call) {
    String id = call.params().string("device");
    Camera camera = registry.find(id);
    if (camera == null) {
      throw Failure.notFound("camera", id);
    }
    return camera;
  }

  private Future<JsonObject> list(Call call) {
    JsonArray cameras = new JsonArray();
    int connected = 0;
    for (Camera camera : registry.all()) {
      cameras.add(cameraObject(camera, registry.links()));
      if (camera.status() == CameraStatus.CONNECTED) {
        connected++;
      }
    }
    return Future.succeededFuture(new JsonObject().put("cameras", cameras).put("total", cameras.size())
        .put("connected", connected));
  }

  private Future<JsonObject> status(Call call) {
    Camera camera = camera(registry, call);
    JsonObject caps = capabilities(camera);
    CameraActivity.Usage usage = activity.usage(camera.id());
    return Future.succeededFuture(cameraObject(camera, registry.links())
        .put("metrics", new JsonObject().put("bytes_sent", usage.bytesSent()).put("readers", usage.readers())
            .put("uptime", usage.uptimeSeconds()))
        .put("capabilities", new JsonObject().put("formats", caps.getJsonArray("formats"))
            .put("resolutions", caps.getJsonArray("resolutions"))));
  }

  /**
   * The contract's Camera object, {@code {device, status, name, resolution, fps, streams}}, as in
   * {@code get_camera_list} and the {@code camera_status_update} notification. Device paths and source URLs never
   * appear here. A whole frame rate is an integer on the wire.
   */
  static JsonObject cameraObject(Camera camera, LiveLinks links) {
    double fps = camera.fps();
    return new JsonObject()
        .put("device", camera.id())
        .put("status", camera.status().name())
        .put("name", camera.name())
        .put("resolution", camera.resolution())
        .put("fps", fps == Math.rint(fps) ? (Object) (int) fps : (Object) fps)
        .put("streams", camera.connected() ? new JsonObject(new LinkedHashMap<>(links.streams(camera)))
            : new JsonObject());
  }

  /** {@code get_camera_capabilities}: {@code {device, formats, resolutions, fps_options, validation_status}}. */
  static JsonObject capabilities(Camera camera) {
    CameraCapabilities caps = camera.capabilities();
    return new JsonObject()
        .put("device", camera.id())
        .put("formats", new JsonArray(caps.formatNames()))
        .put("resolutions", new JsonArray(caps.resolutions()))
        .put("fps_options", new JsonArray(caps.fpsOptions()))
        .put("validation_status", camera.validation().name());
  }
}
