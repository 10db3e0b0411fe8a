package io.cameraservice.camera;

import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.ParamSchema;
import io.cameraservice.rpc.RpcError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code get_camera_list}, {@code get_camera_status} and {@code get_camera_capabilities}. */
public final class CameraMethods {

  /** The {@code device} parameter every camera method takes. */
  public static Param device() {
    return Param.string("device").required().pattern("^camera[0-9]+$");
  }

  private final CameraRegistry registry;
  private final CameraActivity activity;

  public CameraMethods(CameraRegistry registry, CameraActivity activity) {
    this.registry = registry;
    this.activity = activity;
  }

  public void registerInto(MethodRegistry methods) {
    methods.register(new MethodSpec("get_camera_list", RateClass.STATUS, ParamSchema.none(), this::list));
    methods.register(new MethodSpec("get_camera_status", RateClass.STATUS, ParamSchema.of(device()), this::status));
    methods.register(new MethodSpec("get_camera_capabilities", RateClass.STATUS, ParamSchema.of(device()),
        call -> Future.succeededFuture(registry.json().capabilities(camera(registry, call)))));
  }

  /** The camera a call names, or -32010. */
  public static Camera camera(CameraRegistry registry, Call call) {
    String id = call.params().string("device");
    Camera camera = registry.find(id);
    if (camera == null) {
      throw RpcError.notFound("camera", id).exception();
    }
    return camera;
  }

  private Future<JsonObject> list(Call call) {
    JsonArray cameras = new JsonArray();
    int connected = 0;
    for (Camera camera : registry.all()) {
      cameras.add(registry.json().camera(camera));
      if (camera.status() == CameraStatus.CONNECTED) {
        connected++;
      }
    }
    return Future.succeededFuture(new JsonObject().put("cameras", cameras).put("total", cameras.size())
        .put("connected", connected));
  }

  private Future<JsonObject> status(Call call) {
    Camera camera = camera(registry, call);
    JsonObject caps = registry.json().capabilities(camera);
    CameraActivity.Usage usage = activity.usage(camera.id());
    return Future.succeededFuture(registry.json().camera(camera)
        .put("metrics", new JsonObject().put("bytes_sent", usage.bytesSent()).put("readers", usage.readers())
            .put("uptime", usage.uptimeSeconds()))
        .put("capabilities", new JsonObject().put("formats", caps.getJsonArray("formats"))
            .put("resolutions", caps.getJsonArray("resolutions"))));
  }
}
