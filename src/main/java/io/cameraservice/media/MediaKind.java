package io.cameraservice.media;

/** The two kinds of file the pipelines write. */
public enum MediaKind {
  RECORDING, SNAPSHOT
}
