package io.cameraservice.retention;

/** What one retention run did. */
public record CleanupResult(boolean executed, long filesDeleted, long bytesFreed, String message) {
}
