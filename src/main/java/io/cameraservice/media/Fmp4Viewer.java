package io.cameraservice.media;

import java.util.List;

/**
 * A live viewer of the fragmented-MP4 stream. It starts with the init segment and the current GOP (so it decodes at
 * once, from a keyframe). When its socket is full it skips fragments and resumes at the next keyframe: a slow viewer
 * loses pictures, never slows the pipeline or the other viewers. Camera loop only.
 */
final class Fmp4Viewer implements FragmentSink {

  private final ViewerOutput output;
  private final Delivered delivered;
  private boolean synced;

  Fmp4Viewer(ViewerOutput output, Delivered delivered) {
    this.output = output;
    this.delivered = delivered;
  }

  @Override
  public void start(InitSegment init, List<Fragment> sinceKeyframe) {
    output.describe(init);
    output.write(init.bytes());
    synced = false;
    sinceKeyframe.forEach(this::fragment);
  }

  @Override
  public void fragment(Fragment f) {
    if (!synced && !f.keyframe()) {
      return;
    }
    if (output.full()) {
      synced = false;
      return;
    }
    synced = true;
    output.write(f.bytes());
    delivered.sent(f.size(), f.samples());
  }

  @Override
  public void end(boolean failed) {
    output.close();
  }
}
