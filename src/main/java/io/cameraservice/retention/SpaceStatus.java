package io.cameraservice.retention;

/**
 * What the disk-space guard knows at one moment: its level, the last sample with the thresholds derived from it, and
 * what recordings and snapshots take.
 */
public record SpaceStatus(DiskSpaceGuard.Level level, SpaceSample sample, long floorBytes, long warningBytes,
    boolean reclaimWhenFull, long recordingsBytes, long snapshotsBytes) {
}
