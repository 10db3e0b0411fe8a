package io.cameraservice.media;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.Session;
import io.cameraservice.camera.CameraMethods;
import io.cameraservice.config.RecordingSettings;
import io.cameraservice.files.FileNames;
import io.cameraservice.files.MediaKind;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.ParamSchema;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
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
        call -> media.startStreaming(device(call)).map(MediaMethods::started)));
    methods.register(new MethodSpec("stop_streaming", RateClass.CONTROL, ParamSchema.of(CameraMethods.device()),
        call -> media.stopStreaming(device(call)).map(MediaMethods::stopped)));
    methods.register(new MethodSpec("get_stream_url", RateClass.STATUS, ParamSchema.of(CameraMethods.device()),
        call -> media.stream(device(call)).map(MediaMethods::streamUrl)));
    methods.register(new MethodSpec("get_stream_status", RateClass.STATUS, ParamSchema.of(CameraMethods.device()),
        call -> media.stream(device(call)).map(MediaMethods::streamStatus)));
    methods.register(new MethodSpec("get_streams", RateClass.STATUS, ParamSchema.none(), call -> media.streams().map(MediaMethods::streams)));
  }

  // --- the wire shapes of the streaming answers (api/contract.md) ---

  private static JsonObject started(MediaService.StreamStarted s) {
    return new JsonObject()
        .put("device", s.cameraId())
        .put("stream_name", s.cameraId())
        .put("stream_url", s.url())
        .put("status", "STARTED")
        .put("start_time", Timestamps.format(s.since()))
        .put("auto_close_after", s.autoCloseAfterSeconds());
  }

  private static JsonObject stopped(MediaService.StreamStopped s) {
    return new JsonObject()
        .put("device", s.cameraId())
        .put("stream_name", s.cameraId())
        .put("status", "STOPPED")
        .put("start_time", Timestamps.format(s.since()))
        .put("end_time", Timestamps.format(s.end()))
        .put("duration", s.since() == null ? 0 : Duration.between(s.since(), s.end()).toSeconds())
        .put("stream_continues", s.continues())
        .put("message", s.continues() ? "recordings or viewers keep the stream running" : "stream stopped");
  }

  private static JsonObject streamUrl(MediaService.StreamView v) {
    PipelineState state = v.stats().state();
    String status = state == PipelineState.RUNNING ? "READY"
        : v.cameraError() || state == PipelineState.BACKOFF ? "ERROR" : "NOT_READY";
    return new JsonObject()
        .put("device", v.cameraId())
        .put("stream_name", v.cameraId())
        .put("stream_url", v.url())
        .put("available", v.available())
        .put("active_consumers", v.stats().viewers() + (v.recording() ? 1 : 0))
        .put("stream_status", status);
  }

  private static JsonObject streamStatus(MediaService.StreamView v) {
    PipelineStats s = v.stats();
    String status = switch (s.state()) {
      case RUNNING -> "ACTIVE";
      case STARTING -> "STARTING";
      case STOPPING -> "STOPPING";
      case BACKOFF -> "ERROR";
      case IDLE -> v.cameraError() ? "ERROR" : "INACTIVE";
    };
    JsonObject out = new JsonObject()
        .put("device", v.cameraId())
        .put("stream_name", v.cameraId())
        .put("status", status)
        .put("ready", s.state() == PipelineState.RUNNING);
    if (s.runningSince() != null) {
      out.put("start_time", Timestamps.format(s.runningSince()));
    }
    return out.put("metrics", new JsonObject()
        .put("bytes_sent", s.bytesSent())
        .put("frames_sent", s.framesSent())
        .put("bitrate", s.bitrate())
        .put("fps", s.fps())
        .put("viewers", s.viewers())
        .put("restarts", s.restarts()));
  }

  private static JsonArray streams(List<MediaService.StreamView> views) {
    JsonArray out = new JsonArray();
    for (MediaService.StreamView v : views) {
      out.add(new JsonObject()
          .put("name", v.cameraId())
          .put("source", v.sourceKind())
          .put("ready", v.stats().state() == PipelineState.RUNNING)
          .put("readers", v.stats().viewers())
          .put("bytes_sent", v.stats().bytesSent()));
    }
    return out;
  }

  private Future<JsonObject> snapshot(Call call) {
    Long quality = call.params().integer("quality");
    return media.takeSnapshot(device(call), withExtension(call.params().string("filename")),
        quality == null ? null : quality.intValue(), Session.of(call.caller()).role().atLeast(Role.ADMIN));
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
