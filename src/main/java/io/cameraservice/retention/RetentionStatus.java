package io.cameraservice.retention;

import java.time.Instant;

/**
 * The policy in force and the last run.
 *
 * @param lastRunAt when the last run finished, {@code null} before the first
 * @param lastResult what the last run did, {@code null} before the first
 */
public record RetentionStatus(RetentionPolicy policy, long intervalSeconds, Instant lastRunAt,
    CleanupResult lastResult) {
}
