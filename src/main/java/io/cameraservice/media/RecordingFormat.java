package io.cameraservice.media;

import java.util.Locale;

/**
 * How a recording is stored. Every format is written as fragmented MP4 while recording (so a crash never leaves an
 * unreadable file); {@code mp4} and {@code mkv} are remuxed (stream copy, no re-encoding) when a file ends.
 */
enum RecordingFormat {
  FMP4("mp4", null),
  MP4("mp4", "mp4"),
  MKV("mkv", "matroska");

  final String extension;
  /** ffmpeg muxer of the final remux, or null when the file is kept as written. */
  final String remuxTo;

  RecordingFormat(String extension, String remuxTo) {
    this.extension = extension;
    this.remuxTo = remuxTo;
  }

  static RecordingFormat of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean remuxed() {
    return remuxTo != null;
  }
}
