package io.cameraservice.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code list_recordings} (limit 50, newest first) over a catalog of {@code files} recordings spread over four
 * cameras. The files are created (empty, with distinct modification times) before the server starts, so the run
 * also measures the start-up reconciliation of that many files and how {@code ping} answers while it runs. After
 * the load, the server's own latency percentiles for the method are read from {@code get_metrics}.
 */
final class FileListingScenario implements Scenario {

  private static final int CAMERAS = 4;
  private final int files;
  private final String frame;
  private final Map<String, Object> details = new LinkedHashMap<>();

  FileListingScenario(int files, JsonObject params) {
    this.files = files;
    JsonObject p = params == null ? new JsonObject().put("limit", 50) : params;
    this.frame = new JsonObject().put("jsonrpc", "2.0").put("method", "list_recordings").put("params", p)
        .put("id", 1).encode();
    details.put("catalogued_recordings", files);
    details.put("params", p);
  }

  @Override
  public String name() {
    return "file_listing";
  }

  @Override
  public String request(int connection) {
    return frame;
  }

  @Override
  public Map<String, String> serverSettings() {
    return Map.of("CAMERA_SERVICE_RETENTION_ENABLED", "false",
        "CAMERA_SERVICE_STORAGE_MIN_FREE_BYTES", "0",
        "CAMERA_SERVICE_STORAGE_MIN_FREE_PERCENT", "0",
        "CAMERA_SERVICE_STORAGE_WARNING_FREE_PERCENT", "0");
  }

  @Override
  public void prepare(Path dataDir) throws Exception {
    long started = System.nanoTime();
    Instant newest = Instant.parse("2026-01-31T00:00:00Z");
    for (int camera = 0; camera < CAMERAS; camera++) {
      Files.createDirectories(dataDir.resolve("recordings/camera" + camera));
    }
    for (int i = 0; i < files; i++) {
      String camera = "camera" + i % CAMERAS;
      Path file = Files.createFile(dataDir.resolve("recordings/" + camera + "/" + camera + "_" + i + ".mp4"));
      Files.setLastModifiedTime(file, FileTime.from(newest.minusSeconds(files - i)));
    }
    details.put("seed_seconds", seconds(System.nanoTime() - started));
  }

  /** Pings while the catalog reconciles; answers when it is ready and its metadata pass is done. */
  @Override
  public void started(int port, String token) throws Exception {
    long started = System.nanoTime();
    Histogram pings = new Histogram(3);
    try (BenchRpc rpc = new BenchRpc(port, token)) {
      boolean ready = false;
      while (!ready) {
        for (int i = 0; i < 20; i++) {
          long sent = System.nanoTime();
          rpc.call("ping", null);
          pings.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
          // About 100 pings a second: enough to see stalls, too few to slow the reconciliation down.
          Thread.sleep(10);
        }
        ready = "RUNNING".equals(rpc.result("get_status", null).getJsonObject("components")
            .getString("media_catalog"));
        if (System.nanoTime() - started > 300_000_000_000L) {
          throw new IllegalStateException("catalog not ready after 300 s");
        }
      }
      details.put("reconcile_seen_by_client_seconds", seconds(System.nanoTime() - started));
      while (!rpc.result("get_metrics", null).getJsonObject("file_metrics").getJsonObject("catalog")
          .getBoolean("metadata_backfill_idle")) {
        Thread.sleep(100);
      }
      JsonObject catalog = rpc.result("get_metrics", null).getJsonObject("file_metrics");
      details.put("reconcile_server_ms", catalog.getJsonObject("catalog").getLong("startup_reconcile_ms"));
      details.put("pings_during_reconcile", pings.getTotalCount());
      details.put("ping_during_reconcile_ms", new JsonObject()
          .put("p50", pings.getValueAtPercentile(50) / 1000.0)
          .put("p99", pings.getValueAtPercentile(99) / 1000.0)
          .put("max", pings.getMaxValue() / 1000.0));
      long total = rpc.result("list_recordings", new JsonObject().put("limit", 1)).getLong("total");
      if (total != files) {
        throw new IllegalStateException("catalog holds " + total + " recordings, expected " + files);
      }
    }
  }

  @Override
  public void finished(int port, String token) throws Exception {
    try (BenchRpc rpc = new BenchRpc(port, token)) {
      JsonObject metrics = rpc.result("get_metrics", null);
      details.put("server_dispatch_latency_ms", metrics.getJsonObject("rpc_metrics").getJsonObject("methods")
          .getJsonObject("list_recordings"));
      details.put("server_catalog_latency_ms", metrics.getJsonObject("file_metrics").getJsonObject("list_latency")
          .getJsonObject("recordings"));
    }
  }

  @Override
  public Map<String, Object> details() {
    return details;
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e6) / 1000.0;
  }
}
