package io.cameraservice.files;

import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.Call;
import io.cameraservice.rpc.MethodError;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.ParamSchema;
import io.cameraservice.rpc.Params;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code list_recordings}, {@code list_snapshots}, {@code get_recording_info}, {@code get_snapshot_info},
 * {@code delete_recording} and {@code delete_snapshot}.
 */
public final class FileMethods {

  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 50;

  private final MediaCatalog catalog;
  private final DownloadLinks links;

  public FileMethods(MediaCatalog catalog, DownloadLinks links) {
    this.catalog = catalog;
    this.links = links;
  }

  public void registerInto(MethodRegistry registry) {
    ParamSchema listing = ParamSchema.of(
        Param.integer("limit").range(1, MAX_LIMIT).defaultValue((long) DEFAULT_LIMIT).about("page size"),
        Param.integer("offset").range(0, Long.MAX_VALUE).defaultValue(0L).about("files to skip, newest first"),
        Param.string("device").pattern(FileNames.CAMERA_ID.pattern()).about("only this camera's files"),
        Param.timestamp("since").about("only files modified at or after this time (RFC 3339)"),
        Param.timestamp("until").about("only files modified before this time (RFC 3339)"));
    ParamSchema named = ParamSchema.of(Param.string("filename").required().check(FileMethods::nameRule)
        .about("a file name from a listing; the extension may be left out when that is unambiguous"));
    MethodError ambiguous = MethodError.invalidParams("ambiguous_filename");
    registry.register(MethodSpec.method("list_recordings", Access.VIEWER, RateClass.FILE)
        .summary("Lists recordings, newest first, a page at a time.")
        .params(listing)
        .returns("{files: [{filename, device, file_size, modified_time, duration, format, download_url}], total, "
            + "limit, offset}")
        .handledBy(call -> list(MediaKind.RECORDING, call)));
    registry.register(MethodSpec.method("list_snapshots", Access.VIEWER, RateClass.FILE)
        .summary("Lists snapshots, newest first, a page at a time.")
        .params(listing)
        .returns("{files: [{filename, device, file_size, modified_time, format, download_url}], total, limit, "
            + "offset}")
        .handledBy(call -> list(MediaKind.SNAPSHOT, call)));
    registry.register(MethodSpec.method("get_recording_info", Access.VIEWER, RateClass.FILE)
        .summary("Describes one recording.")
        .params(named)
        .returns("{filename, device, file_size, duration, created_time, format, download_url}")
        .errors(MethodError.notFound("recording_not_found"), ambiguous)
        .handledBy(call -> catalog.info(MediaKind.RECORDING, filename(call)).map(this::recordingInfo)));
    registry.register(MethodSpec.method("get_snapshot_info", Access.VIEWER, RateClass.FILE)
        .summary("Describes one snapshot.")
        .params(named)
        .returns("{filename, device, file_size, resolution (when known), created_time, download_url}")
        .errors(MethodError.notFound("snapshot_not_found"), ambiguous)
        .handledBy(call -> catalog.info(MediaKind.SNAPSHOT, filename(call)).map(this::snapshotInfo)));
    registry.register(MethodSpec.method("delete_recording", Access.OPERATOR, RateClass.FILE)
        .summary("Deletes a recording; one still being written is refused.")
        .params(named)
        .returns("{filename, deleted: true, message}")
        .errors(MethodError.notFound("recording_not_found"), ambiguous,
            MethodError.invalidState("file_being_written"), MethodError.dependencyFailed("delete_failed"))
        .handledBy(call -> delete(MediaKind.RECORDING, call)));
    registry.register(MethodSpec.method("delete_snapshot", Access.OPERATOR, RateClass.FILE)
        .summary("Deletes a snapshot; one still being written is refused.")
        .params(named)
        .returns("{filename, deleted: true, message}")
        .errors(MethodError.notFound("snapshot_not_found"), ambiguous,
            MethodError.invalidState("file_being_written"), MethodError.dependencyFailed("delete_failed"))
        .handledBy(call -> delete(MediaKind.SNAPSHOT, call)));
  }

  private static String nameRule(Object value) {
    return FileNames.violation((String) value);
  }

  private static String filename(Call call) {
    return call.params().string("filename");
  }

  private Future<Object> list(MediaKind kind, Call call) {
    Params p = call.params();
    ListQuery query = new ListQuery(p.string("device"), p.timestamp("since"), p.timestamp("until"),
        p.intValue("limit"), p.integer("offset"));
    if (query.since() != null && query.until() != null && query.until().isBefore(query.since())) {
      return Future.failedFuture(RpcError.invalidParams("invalid_value", "until", "must not be before since")
          .exception());
    }
    return catalog.list(kind, query, links.expiryTag(), page -> ListingJson.encode(kind, query, page, links));
  }

  private JsonObject recordingInfo(MediaFile file) {
    return new JsonObject()
        .put("filename", file.filename())
        .put("device", file.camera())
        .put("file_size", file.size())
        .put("duration", file.duration())
        .put("created_time", Timestamps.format(file.created()))
        .put("format", file.format())
        .put("download_url", links.urlFor(file));
  }

  private JsonObject snapshotInfo(MediaFile file) {
    JsonObject info = new JsonObject()
        .put("filename", file.filename())
        .put("device", file.camera())
        .put("file_size", file.size());
    if (file.resolution() != null) {
      info.put("resolution", file.resolution());
    }
    return info.put("created_time", Timestamps.format(file.created())).put("download_url", links.urlFor(file));
  }

  private Future<JsonObject> delete(MediaKind kind, Call call) {
    return catalog.delete(kind, filename(call)).map(file -> new JsonObject()
        .put("filename", file.filename())
        .put("deleted", true)
        .put("message", kind.resource() + " " + file.filename() + " deleted"));
  }

  /** The {@code file_metrics} section of {@code get_metrics}. */
  public static JsonObject fileMetrics(FileActivity activity, CatalogTotals totals, CatalogUpkeep.Status upkeep) {
    JsonObject deletions = new JsonObject();
    activity.deletions().forEach((reason, d) -> deletions.put(reason.label(), new JsonObject()
        .put("files", d.files()).put("bytes_freed", d.bytesFreed())));
    JsonObject latency = new JsonObject();
    activity.listLatency().forEach((kind, l) -> {
      JsonObject percentiles = new JsonObject().put("count", l.count());
      l.percentilesMs().forEach(percentiles::put);
      latency.put(kind.folder(), percentiles);
    });
    return new JsonObject().put("deletions", deletions).put("list_latency", latency)
        .put("recordings", totals.files(MediaKind.RECORDING))
        .put("snapshots", totals.files(MediaKind.SNAPSHOT))
        .put("catalog", new JsonObject()
            .put("state", upkeep.state().name())
            .put("startup_reconcile_ms", upkeep.startupReconcileMs() < 0 ? null : upkeep.startupReconcileMs())
            .put("metadata_backfill_idle", upkeep.metadataBackfillIdle())
            .put("pending_writes", upkeep.pendingWrites())
            .put("unmappable_names", upkeep.unmappableNames()));
  }
}
