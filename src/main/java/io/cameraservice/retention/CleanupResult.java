package io.cameraservice.retention;

import io.vertx.core.json.JsonObject;

/** What one retention run did: the {@code cleanup_old_files} result. */
public record CleanupResult(boolean executed, long filesDeleted, long bytesFreed, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("cleanup_executed", executed).put("files_deleted", filesDeleted)
        .put("space_freed", bytesFreed).put("message", message);
  }
}
