package io.cameraservice.files;

import java.time.Instant;

/**
 * One catalogued recording or snapshot.
 *
 * @param camera the camera folder it lives in
 * @param duration seconds, for recordings whose metadata is known; null otherwise
 * @param width pixels, null when unknown
 * @param probed whether duration and resolution were read from this version of the file (size and modification
 *     time); a file that changes is probed again
 * @param id the catalog row
 */
public record MediaFile(MediaKind kind, String camera, String filename, long size, Instant created,
    Instant modified, MediaState state, String format, Double duration, Integer width, Integer height,
    boolean probed, long id) {

  /** "WxH", or null when unknown. */
  public String resolution() {
    return width == null || height == null ? null : width + "x" + height;
  }

  public boolean isWriting() {
    return state == MediaState.WRITING;
  }
}
