package io.cameraservice.media;

import java.time.Instant;

/**
 * What a pipeline reports, as an immutable snapshot other threads may read at any time (the camera loop replaces it
 * on every state change and once a second).
 *
 * @param pid the ffmpeg process, or -1 when none runs
 * @param droppedFragments fragments the current run dropped because the camera loop fell behind
 * @param nextRestartMs the delay before the pending restart, or -1 when none is pending
 */
record PipelineStats(PipelineState state, long pid, int restarts, Instant runningSince, double fps, long bitrate,
    long bytesIn, long framesIn, long droppedFragments, int viewers, long bytesSent, long framesSent,
    long nextRestartMs, String lastError, boolean streaming, String mode) {

  static final PipelineStats IDLE = new PipelineStats(PipelineState.IDLE, -1, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, -1, null, false,
      null);
}
