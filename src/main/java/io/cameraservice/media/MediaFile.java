package io.cameraservice.media;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished file as the media catalog should record it.
 *
 * @param durationSeconds media duration for recordings, null for snapshots
 * @param format {@code fmp4}, {@code mp4}, {@code mkv} or {@code jpg}
 * @param resolution "WxH", null when unknown
 */
public record MediaFile(Path path, MediaKind kind, String camera, long sizeBytes, Double durationSeconds,
    String format, String resolution, Instant startedAt, Instant endedAt) {}
