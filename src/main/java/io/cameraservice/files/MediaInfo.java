package io.cameraservice.files;

/**
 * What probing a file told: null fields were not found (not a media file, no video stream, not probed).
 *
 * @param format the container, when the probe recognised one
 */
public record MediaInfo(Double duration, Integer width, Integer height, String format) {

  public static final MediaInfo NONE = new MediaInfo(null, null, null, null);
}
