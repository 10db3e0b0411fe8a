package io.cameraservice.media;

import io.cameraservice.rpc.Timestamps;
import io.vertx.core.json.JsonObject;

/** The wire shapes of the media notifications' {@code params} (api/contract.md, events). */
final class MediaNotifications {

  private MediaNotifications() {
  }

  /** {@code recording_status_update}: {@code {device, status, filename, duration, error?}}. */
  static JsonObject recordingStatus(RecordingView r) {
    JsonObject params = new JsonObject()
        .put("device", r.cameraId())
        .put("status", r.status().name())
        .put("filename", r.currentFile() == null ? r.firstFile() : r.currentFile())
        .put("duration", r.roundedSeconds());
    if (r.error() != null) {
      params.put("error", r.error());
    }
    return params;
  }

  /** {@code snapshot_taken}: {@code {device, filename, file_size, timestamp}}. */
  static JsonObject snapshotTaken(SnapshotTaken s) {
    return new JsonObject().put("device", s.cameraId()).put("filename", s.filename()).put("file_size", s.size())
        .put("timestamp", Timestamps.format(s.at()));
  }
}
