package io.cameraservice.media;

import io.cameraservice.auth.Role;
import io.cameraservice.auth.Session;
import io.cameraservice.camera.Camera;
import io.cameraservice.camera.CameraMethods;
import io.cameraservice.camera.CameraStatus;
import io.cameraservice.config.RecordingSettings;
import io.cameraservice.files.FileNames;
import io.cameraservice.files.MediaKind;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodError;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
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
    MethodError unknown = MethodError.notFound("camera_not_found");
    MethodError[] unusable = {unknown, MethodError.dependencyFailed("camera_disconnected"),
        MethodError.dependencyFailed("service_stopping")};
    MethodError pipeline = MethodError.dependencyFailed("pipeline_failed");
    MethodError noSpace = MethodError.insufficientStorage("below_free_space_floor");
    methods.register(MethodSpec.method("take_snapshot", Access.OPERATOR, RateClass.CONTROL)
        .summary("Saves a JPEG of the camera's current picture.")
        .params(CameraMethods.device(),
            Param.string("filename").check(MediaMethods::snapshotName)
                .about("the file name to save under (.jpg added when missing); default: camera and time"),
            Param.string("format").oneOf("jpg").about("image format"),
            Param.integer("quality").range(1, 100).about("JPEG quality, 1 (smallest) to 100 (best)"))
        .returns("{device, filename, status: SUCCESS|FAILED, timestamp, file_size, file_path (admins only)}")
        .errors(unusable).errors(pipeline, noSpace, MethodError.invalidParams("file_exists"),
            MethodError.dependencyFailed("storage_failed"))
        .handledBy(this::snapshot));
    methods.register(MethodSpec.method("start_recording", Access.OPERATOR, RateClass.CONTROL)
        .summary("Starts recording the camera to a file; with a duration the recording stops by itself.")
        .params(CameraMethods.device(),
            Param.integer("duration").range(1, 86400).about("seconds to record; absent = until stop_recording"),
            Param.string("format").oneOf(RecordingSettings.FORMATS.toArray(String[]::new))
                .about("container format; default: recording.default_format"))
        .returns("{device, filename, status: RECORDING|STARTING, start_time, duration, format}")
        .errors(unusable).errors(MethodError.invalidState("already_recording"), pipeline, noSpace)
        .handledBy(call -> media.startRecording(device(call), format(call), call.params().integer("duration"))
            .map(MediaMethods::recording)));
    methods.register(MethodSpec.method("stop_recording", Access.OPERATOR, RateClass.CONTROL)
        .summary("Stops the camera's recording and finishes its file.")
        .params(CameraMethods.device())
        .returns("{device, filename, status: STOPPED, start_time, end_time, duration, file_size, format}")
        .errors(unknown, MethodError.invalidState("not_recording"), MethodError.dependencyFailed("recording_failed"))
        .handledBy(call -> media.stopRecording(device(call)).map(MediaMethods::recording)));
    methods.register(MethodSpec.method("start_streaming", Access.OPERATOR, RateClass.CONTROL)
        .summary("Starts the camera's live stream (it stops again when no viewer comes within auto_close_after).")
        .params(CameraMethods.device())
        .returns("{device, stream_name, stream_url, status: STARTED, start_time, auto_close_after}")
        .errors(unusable).errors(pipeline)
        .handledBy(call -> media.startStreaming(device(call)).map(MediaMethods::started)));
    methods.register(MethodSpec.method("stop_streaming", Access.OPERATOR, RateClass.CONTROL)
        .summary("Releases the stream started with start_streaming; recordings or viewers may keep it running.")
        .params(CameraMethods.device())
        .returns("{device, stream_name, status: STOPPED, start_time, end_time, duration, stream_continues, message}")
        .errors(unknown, MethodError.invalidState("not_streaming"))
        .handledBy(call -> media.stopStreaming(device(call)).map(MediaMethods::stopped)));
    methods.register(MethodSpec.method("get_stream_url", Access.VIEWER, RateClass.STATUS)
        .summary("Gives the camera's live stream URL and whether it is ready.")
        .params(CameraMethods.device())
        .returns("{device, stream_name, stream_url, available, active_consumers, stream_status: READY|NOT_READY|ERROR}")
        .errors(unknown)
        .handledBy(call -> media.stream(device(call)).map(MediaMethods::streamUrl)));
    methods.register(MethodSpec.method("get_stream_status", Access.VIEWER, RateClass.STATUS)
        .summary("Reports the state and traffic of the camera's live stream.")
        .params(CameraMethods.device())
        .returns("{device, stream_name, status: ACTIVE|INACTIVE|ERROR|STARTING|STOPPING, ready, start_time, "
            + "metrics: {bytes_sent, frames_sent, bitrate, fps, viewers, restarts}}")
        .errors(unknown)
        .handledBy(call -> media.stream(device(call)).map(MediaMethods::streamStatus)));
    methods.register(MethodSpec.method("get_streams", Access.VIEWER, RateClass.STATUS)
        .summary("Lists every camera's live stream.")
        .returns("a bare array: [{name (the camera id), source, ready, readers, bytes_sent}]",
            new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "object")))
        .handledBy(call -> media.streams().map(MediaMethods::streams)));
  }

  // --- the wire shapes of the answers (api/contract.md) ---

  /** The {@code start_recording} / {@code stop_recording} result. */
  private static JsonObject recording(RecordingView r) {
    JsonObject out = new JsonObject()
        .put("device", r.cameraId())
        .put("filename", r.firstFile())
        .put("status", r.status() == Recording.Status.ERROR ? "ERROR" : r.finished() ? "STOPPED" : r.status().name())
        .put("start_time", Timestamps.format(r.requestedAt()))
        .put("format", r.format().wireName());
    if (r.finished()) {
      out.put("end_time", Timestamps.format(r.endedAt()))
          .put("duration", r.roundedSeconds())
          .put("file_size", r.bytes());
      if (r.files().size() > 1) {
        out.put("segments", new JsonArray(r.files()));
      }
    } else if (r.limitSeconds() != null) {
      out.put("duration", r.limitSeconds().longValue());
    }
    return out;
  }

  /** The {@code take_snapshot} result; only an admin is shown where the file is on disk. */
  private static JsonObject snapshotTaken(SnapshotTaken s, boolean admin) {
    JsonObject result = new JsonObject().put("device", s.cameraId()).put("filename", s.filename())
        .put("status", "SUCCESS").put("timestamp", Timestamps.format(s.at())).put("file_size", s.size())
        .put("resolution", s.resolution());
    return admin ? result.put("file_path", s.path().toString()) : result;
  }

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
    boolean admin = Session.of(call.caller()).role().atLeast(Role.ADMIN);
    return media.takeSnapshot(device(call), withExtension(call.params().string("filename")),
        quality == null ? null : quality.intValue()).map(taken -> snapshotTaken(taken, admin));
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

  /** The {@code camera_metrics} section of {@code get_metrics}. */
  public static JsonObject cameraMetrics(MediaMetrics metrics, Clock clock) {
    JsonObject cameras = new JsonObject();
    int connected = 0;
    for (MediaMetrics.CameraReading reading : metrics.cameras()) {
      Camera camera = reading.camera();
      PipelineStats s = reading.stats();
      connected += camera.status() == CameraStatus.CONNECTED ? 1 : 0;
      cameras.put(camera.id(), new JsonObject()
          .put("status", camera.status().name())
          .put("source", camera.source().kind())
          .put("pipeline", s.state().name())
          .put("mode", s.mode())
          .put("ffmpeg_pid", s.pid() > 0 ? s.pid() : null)
          .put("fps", s.fps())
          .put("bitrate", s.bitrate())
          .put("frames_in", s.framesIn())
          .put("bytes_in", s.bytesIn())
          .put("dropped_fragments", s.droppedFragments())
          .put("restarts", s.restarts())
          .put("next_restart_ms", s.nextRestartMs() >= 0 ? s.nextRestartMs() : null)
          .put("uptime", s.runningSince() == null ? 0 : Duration.between(s.runningSince(), clock.instant())
              .toSeconds())
          .put("last_error", s.lastError()));
    }
    return new JsonObject().put("total", cameras.size()).put("connected", connected)
        .put("pipelines_running", metrics.count(PipelineState.RUNNING)).put("cameras", cameras);
  }

  /** The {@code recording_metrics} section of {@code get_metrics}. */
  public static JsonObject recordingMetrics(MediaMetrics metrics) {
    Recordings.Totals t = metrics.recordingTotals();
    return new JsonObject()
        .put("active", t.active())
        .put("started_total", t.started())
        .put("stopped_total", t.stopped())
        .put("failed_total", t.failed())
        .put("bytes_written_total", t.bytesWritten());
  }

  /** The {@code stream_metrics} section of {@code get_metrics}. */
  public static JsonObject streamMetrics(MediaMetrics metrics) {
    JsonObject streams = new JsonObject();
    metrics.pipelines().forEach((cameraId, s) -> streams.put(cameraId, new JsonObject()
        .put("state", s.state().name()).put("viewers", s.viewers())
        .put("bytes_sent", s.bytesSent()).put("frames_sent", s.framesSent()).put("fps", s.fps())
        .put("bitrate", s.bitrate()).put("streaming", s.streaming())));
    return new JsonObject().put("viewers", (long) metrics.sum(PipelineStats::viewers))
        .put("bytes_sent_total", (long) metrics.sum(PipelineStats::bytesSent))
        .put("frames_sent_total", (long) metrics.sum(PipelineStats::framesSent))
        .put("streams", streams);
  }
}
