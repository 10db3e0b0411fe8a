package io.cameraservice.media;

/**
 * Where a camera's capture pipeline is. Its wire spelling (the {@code pipeline} and {@code state} fields of
 * {@code get_metrics}) is the constant's name, produced only where the JSON is built.
 */
enum PipelineState {
  /** No process and none wanted (or the last one failed and nothing needs a new one). */
  IDLE,
  /** A process is being started and has not delivered its first keyframe yet. */
  STARTING,
  /** Delivering pictures. */
  RUNNING,
  /** Failed; waiting for the backoff delay before a restart. */
  BACKOFF,
  /** Told to end; waiting for the process to be gone. */
  STOPPING
}
