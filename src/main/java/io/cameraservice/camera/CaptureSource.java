package io.cameraservice.camera;

/** Where a camera's pictures come from and in which mode the pipeline reads them. */
public sealed interface CaptureSource permits V4l2Capture, TestPatternCapture, NetworkCapture {

  /** The kind of source, as reported in {@code get_streams} ({@code v4l2}, {@code test_pattern}, {@code network}). */
  String kind();

  /** "WxH", or null while unknown. */
  String size();

  /** Frames per second, or 0 while unknown. */
  double fps();

  /** An H.264 source is copied into the live stream, never re-encoded. */
  boolean deliversH264();
}
