package io.cameraservice.media;

import java.time.Instant;
import java.util.List;

/**
 * A recording as it stands at one moment, for {@code start_recording}/{@code stop_recording} answers and
 * {@code recording_status_update} notifications (rendered by {@link MediaMethods} and {@link MediaNotifications}).
 *
 * @param status the recording's own status
 * @param finished true once it was asked to end (its answer then shows the end, duration, size and segments)
 * @param currentFile the file being written now (or last written)
 * @param seconds media seconds recorded so far
 * @param limitSeconds the duration it was started with, or null
 */
record RecordingView(String cameraId, Recording.Status status, boolean finished, String firstFile,
    String currentFile, List<String> files, RecordingFormat format, Instant requestedAt, Instant endedAt,
    double seconds, long bytes, Double limitSeconds, String error) {

  static RecordingView of(Recording r) {
    return new RecordingView(r.cameraId(), r.status(), r.finishing(), r.firstFile(), r.currentFile(), r.files(),
        r.format(), r.requestedAt(), r.endedAt(), r.seconds(), r.bytes(), r.limitSeconds(), r.error());
  }

  /** Seconds rounded to hundredths, as every answer shows them. */
  double roundedSeconds() {
    return Math.round(seconds * 100) / 100.0;
  }
}
