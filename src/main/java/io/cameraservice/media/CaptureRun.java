package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;

/**
 * One started capture process as its supervisor sees it ({@link FfmpegRun} in production, a hand-driven fake in
 * unit tests).
 */
interface CaptureRun {

  /** Called on the camera loop. */
  interface Listener {
    void init(CaptureRun run, InitSegment init);

    void fragment(CaptureRun run, Fragment fragment);

    void jpeg(CaptureRun run, Buffer image);

    /** After the last fragment: the process is gone. */
    void exited(CaptureRun run, int status);
  }

  /**
   * Starts reporting to the listener. Called by the owner once it knows this run, so that no report (not even an
   * immediate exit) arrives for a run it does not know yet.
   */
  void startReading();

  long pid();

  /** When the process started, on {@link Scheduler#nanoTime}'s scale. */
  long startedNanos();

  long droppedFragments();

  /** The last lines the process wrote to stderr, newest last. */
  String stderrTail();

  /** Asks the process to end cleanly, forces it after {@code graceMillis}. Blocking. */
  void terminate(long graceMillis);

  void kill();
}
