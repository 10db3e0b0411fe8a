package io.cameraservice.media;

/** A consumer of a camera's live H.264 stream (a recording, a viewer). Called on the camera loop only. */
interface FragmentSink {

  /**
   * The stream (re)starts for this sink: its init segment and the fragments since the last keyframe (empty when
   * none has come yet), so a viewer can start decoding at once.
   */
  void start(InitSegment init, java.util.List<Fragment> sinceKeyframe);

  void fragment(Fragment fragment);

  /** The stream ended: the pipeline stopped ({@code failed} false) or crashed / lost its camera (true). */
  void end(boolean failed);
}
