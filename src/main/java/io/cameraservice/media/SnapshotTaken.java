package io.cameraservice.media;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A snapshot written, catalogued and announced: what {@code take_snapshot} answers and {@code snapshot_taken}
 * tells subscribers.
 *
 * @param resolution {@code WIDTHxHEIGHT} read from the JPEG, or null when it cannot be read
 * @param path where it is on disk (only admins are shown it)
 */
record SnapshotTaken(String cameraId, String filename, Instant at, long size, String resolution, Path path) { }
