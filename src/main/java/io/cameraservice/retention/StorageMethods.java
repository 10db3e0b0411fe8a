package io.cameraservice.retention;

import io.cameraservice.config.RetentionSettings;
import io.cameraservice.files.MediaCatalog;
import io.cameraservice.files.MediaKind;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.Params;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * {@code get_storage_info}, {@code set_retention_policy} and {@code cleanup_old_files} (admin), and the
 * {@code storage_metrics} section of {@code get_metrics}: the wire JSON of everything retention and the disk-space
 * guard report.
 */
public final class StorageMethods {

  private final MediaCatalog catalog;
  private final DiskSpaceGuard guard;
  private final Retention retention;

  public StorageMethods(MediaCatalog catalog, DiskSpaceGuard guard, Retention retention) {
    this.catalog = catalog;
    this.guard = guard;
    this.retention = retention;
  }

  public void registerInto(MethodRegistry registry) {
    registry.register(MethodSpec.method("get_storage_info", Access.ADMIN, RateClass.ADMIN)
        .summary("Reports the data directory's disk space and how much of it recordings and snapshots take.")
        .returns("{total_space, used_space, available_space, usage_percentage, recordings_size, snapshots_size, "
            + "low_space_warning}")
        .handledBy(this::storageInfo));
    registry.register(MethodSpec.method("set_retention_policy", Access.ADMIN, RateClass.ADMIN)
        .summary("Sets which old files are deleted (by age, by total size, or only on request); survives a restart.")
        .params(Param.string("policy_type").required().oneOf("age", "size", "manual")
                .about("age: delete files older than max_age_days; size: keep the total under max_size_gb; "
                    + "manual: only cleanup_old_files deletes"),
            Param.bool("enabled").required().about("false turns retention off"),
            Param.number("max_age_days").range(0.0, RetentionSettings.MAX_AGE_DAYS).check(StorageMethods::positive)
                .about("days to keep files (more than 0); unchanged when absent"),
            Param.number("max_size_gb").range(0.0, RetentionSettings.MAX_SIZE_GB).check(StorageMethods::positive)
                .about("gigabytes the files may take (more than 0); unchanged when absent"))
        .returns("{policy_type, max_age_days, max_size_gb, enabled, message}")
        .handledBy(this::setPolicy));
    registry.register(MethodSpec.method("cleanup_old_files", Access.ADMIN, RateClass.ADMIN)
        .summary("Applies the retention policy now.")
        .returns("{cleanup_executed, files_deleted, space_freed, message}")
        .handledBy(call -> retention.cleanupNow().map(StorageMethods::cleanupJson)));
  }

  /** The {@code storage_metrics} section of {@code get_metrics}. */
  public JsonObject storageMetrics() {
    return spaceJson(guard.status()).put("retention", retentionJson(retention.status()));
  }

  private static JsonObject retentionJson(RetentionStatus status) {
    CleanupResult last = status.lastResult();
    return new JsonObject()
        .put("policy", policyJson(status.policy()))
        .put("interval_seconds", status.intervalSeconds())
        .put("last_run", status.lastRunAt() == null ? null : Timestamps.format(status.lastRunAt()))
        .put("last_files_deleted", last == null ? null : last.filesDeleted())
        .put("last_bytes_freed", last == null ? null : last.bytesFreed());
  }

  private static JsonObject spaceJson(SpaceStatus status) {
    SpaceSample s = status.sample();
    return new JsonObject()
        .put("level", status.level().name().toLowerCase(Locale.ROOT))
        .put("total_bytes", s.total())
        .put("available_bytes", s.usable())
        .put("floor_bytes", status.floorBytes())
        .put("warning_bytes", status.warningBytes())
        .put("reclaim_when_full", status.reclaimWhenFull())
        .put("recordings_bytes", status.recordingsBytes())
        .put("snapshots_bytes", status.snapshotsBytes());
  }

  /** The policy in answers; the same fields as the stored file today, but that format is the store's own. */
  private static JsonObject policyJson(RetentionPolicy policy) {
    return new JsonObject().put("policy_type", policy.type().wireName()).put("enabled", policy.enabled())
        .put("max_age_days", policy.maxAgeDays()).put("max_size_gb", policy.maxSizeGb());
  }

  private static JsonObject cleanupJson(CleanupResult result) {
    return new JsonObject().put("cleanup_executed", result.executed()).put("files_deleted", result.filesDeleted())
        .put("space_freed", result.bytesFreed()).put("message", result.message());
  }

  private static String positive(Object value) {
    return (Double) value > 0 ? null : "must be above 0";
  }

  private Future<JsonObject> storageInfo(Call call) {
    return guard.sample().map(s -> new JsonObject()
        .put("total_space", s.total())
        .put("used_space", s.used())
        .put("available_space", s.usable())
        .put("usage_percentage", s.usagePercent())
        .put("recordings_size", catalog.totals().bytes(MediaKind.RECORDING))
        .put("snapshots_size", catalog.totals().bytes(MediaKind.SNAPSHOT))
        .put("low_space_warning", guard.level() != DiskSpaceGuard.Level.NORMAL));
  }

  private Future<JsonObject> setPolicy(Call call) {
    Params p = call.params();
    RetentionPolicy current = retention.policy();
    RetentionPolicy next = new RetentionPolicy(RetentionPolicy.Type.fromWire(p.string("policy_type")),
        p.bool("enabled"),
        p.has("max_age_days") ? p.number("max_age_days") : current.maxAgeDays(),
        p.has("max_size_gb") ? p.number("max_size_gb") : current.maxSizeGb());
    return retention.setPolicy(next).map(saved -> policyJson(saved).put("message", "retention policy saved; "
        + (saved.automatic() ? "it is applied in the background and by cleanup_old_files"
        : saved.enabled() ? "it is applied only by cleanup_old_files" : "retention is disabled")));
  }
}
