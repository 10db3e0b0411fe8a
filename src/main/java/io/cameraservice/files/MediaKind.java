package io.cameraservice.files;

import java.util.Locale;
import java.util.Map;

/** The two kinds of media file the service keeps, each in its own folder tree and URL space. */
public enum MediaKind {
  RECORDING("recordings", "recording", Map.of("mp4", "video/mp4", "mkv", "video/x-matroska")),
  SNAPSHOT("snapshots", "snapshot", Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg"));

  private final String folder;
  private final String resource;
  private final Map<String, String> contentTypes;

  MediaKind(String folder, String resource, Map<String, String> contentTypes) {
    this.folder = folder;
    this.resource = resource;
    this.contentTypes = contentTypes;
  }

  /** The folder under the data directory, also the path segment of download URLs. */
  public String folder() {
    return folder;
  }

  /** The resource name in -32010 errors. */
  public String resource() {
    return resource;
  }

  /** Whether a file name has an extension this kind keeps (others in the folder are ignored). */
  public boolean accepts(String filename) {
    return contentTypes.containsKey(extension(filename));
  }

  /** The Content-Type of a file of this kind, by extension. */
  public String contentType(String filename) {
    return contentTypes.getOrDefault(extension(filename), "application/octet-stream");
  }

  /** The format reported for a file when nothing better is known: its container by extension. */
  public String formatOf(String filename) {
    String ext = extension(filename);
    return ext.equals("jpeg") ? "jpg" : ext;
  }

  int code() {
    return ordinal();
  }

  static MediaKind ofCode(int code) {
    return values()[code];
  }

  static String extension(String filename) {
    int dot = filename.lastIndexOf('.');
    return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
