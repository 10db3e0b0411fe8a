package io.cameraservice.media;

import java.util.List;

/**
 * A live viewer of the fragmented-MP4 stream. It starts with the init segment and the current GOP (so it decodes at
 * once, from a keyframe). When its socket is full it skips fragments and resumes at the next keyframe: a slow viewer
 * loses pictures, never slows the pipeline or the other viewers. Camera loop only.
 */
final class Fmp4Viewer implements FragmentSink {

  private final ViewerOutput output;
  private final Pipeline pipeline;
  private boolean synced;
  private long skipped;

  Fmp4Viewer(ViewerOutput output, Pipeline pipeline) {
    this.output = output;
    this.pipeline = pipeline;
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
      skipped++;
      return;
    }
    if (output.full()) {
      synced = false;
      skipped++;
      return;
    }
    synced = true;
    output.write(f.bytes());
    pipeline.sent(f.size(), f.samples());
  }

  @Override
  public void end(boolean failed) {
    output.close();
  }

  long skipped() {
    return skipped;
  }
}
