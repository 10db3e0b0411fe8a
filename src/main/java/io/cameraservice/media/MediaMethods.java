package io.cameraservice.media;

import io.cameraservice.auth.Role;
import io.cameraservice.camera.CameraMethods;
import io.cameraservice.config.RecordingSettings;
import io.cameraservice.files.FileNames;
import io.cameraservice.files.MediaKind;
import io.cameraservice.governance.RateClass;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.ParamSchema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * {@code take_snapshot}, {@code start_recording}, {@code stop_recording}, {@code start_streaming},
 * {@code stop_streaming}, {@code get_stream_url}, {@code get_stream_status} and {@code get_streams}.
 */
public final class MediaMethods {

  private final MediaService media;
  private final String defaultFormat;

  public MediaMethods(MediaService media, RecordingSettings recording) {
    this.media = media;
    this.defaultFormat = recording.defaultFormat();
  }

  public void registerInto(MethodRegistry methods) {
    methods.register(new MethodSpec("take_snapshot", RateClass.CONTROL, ParamSchema.of(CameraMethods.device(),
        Param.string("filename").check(MediaMethods::snapshotName),
        Param.string("format").oneOf("jpg"),
        Param.integer("quality").range(1, 100)), this::snapshot));
    methods.register(new MethodSpec("start_recording", RateClass.CONTROL, ParamSchema.of(CameraMethods.device(),
        Param.integer("duration").range(1, 86400),
        Param.string("format").oneOf(RecordingSettings.FORMATS.toArray(String[]::new))),
        call -> media.startRecording(device(call), format(call), call.params().integer("duration"))));
    methods.register(new MethodSpec("stop_recording", RateClass.CONTROL, ParamSchema.of(CameraMethods.device()),
        call -> media.stopRecording(device(call))));
    methods.register(new MethodSpec("start_streaming", RateClass.CONTROL, ParamSchema.of(CameraMethods.device()),
        call -> media.startStreaming(device(call))));
    methods.register(new MethodSpec("stop_streaming", RateClass.CONTROL, ParamSchema.of(CameraMethods.device()),
        call -> media.stopStreaming(device(call))));
    methods.register(new MethodSpec("get_stream_url", RateClass.STATUS, ParamSchema.of(CameraMethods.device()),
        call -> media.streamUrl(device(call))));
    methods.register(new MethodSpec("get_stream_status", RateClass.STATUS, ParamSchema.of(CameraMethods.device()),
        call -> media.streamStatus(device(call))));
    methods.register(new MethodSpec("get_streams", RateClass.STATUS, ParamSchema.none(), call -> media.streams()));
  }

  private Future<JsonObject> snapshot(Call call) {
    Long quality = call.params().integer("quality");
    return media.takeSnapshot(device(call), withExtension(call.params().string("filename")),
        quality == null ? null : quality.intValue(), call.session().role().atLeast(Role.ADMIN));
  }

  private String format(Call call) {
    String format = call.params().string("format");
    return format == null ? defaultFormat : format;
  }

  private static String device(Call call) {
    return call.params().string("device");
  }

  /** A client's snapshot name: one plain path element, ending in .jpg/.jpeg or without extension. */
  static String snapshotName(Object value) {
    String name = (String) value;
    String rule = FileNames.violation(name);
    if (rule != null) {
      return rule;
    }
    if (name.startsWith(".")) {
      return "must not start with a dot";
    }
    if (name.lastIndexOf('.') > 0 && !MediaKind.SNAPSHOT.accepts(name)) {
      return "must end in .jpg or .jpeg, or have no extension";
    }
    return null;
  }

  private static String withExtension(String name) {
    if (name == null) {
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? name : name + ".jpg";
  }
}
