package io.cameraservice.bench;

import io.cameraservice.auth.Role;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * {@code list_recordings {limit: 50}} over a catalog of {@code files} recordings on four cameras, 16 connections with
 * one request in flight each. The files (empty, distinct modification times) are created before the server starts,
 * so the run first measures the start-up reconciliation of that many files and how {@code ping} answers while it
 * runs. The server's own latency for the method is read from {@code get_metrics} afterwards. With
 * {@code pageCache} off, every request reads and encodes its page ({@code storage.listing_cache_pages: 0}).
 */
final class FileListingScenario implements Scenario {

  private static final int CAMERAS = 4;
  private static final int CONNECTIONS = 16;
  private static final RpcCall CALL = new RpcCall("list_recordings", new JsonObject().put("limit", 50));

  private final int files;
  private final boolean pageCache;
  private final double seconds;

  FileListingScenario(int files, boolean pageCache, double seconds) {
    this.files = files;
    this.pageCache = pageCache;
    this.seconds = seconds;
  }

  @Override
  public String name() {
    return "list_recordings_" + files + (pageCache ? "" : "_uncached");
  }

  @Override
  public JsonObject run(BenchEnv env) throws Exception {
    BenchServer.Options options = env.server(name())
        .with("CAMERA_SERVICE_RETENTION_ENABLED", false)
        .with("CAMERA_SERVICE_STORAGE_MIN_FREE_BYTES", 0)
        .with("CAMERA_SERVICE_STORAGE_MIN_FREE_PERCENT", 0)
        .with("CAMERA_SERVICE_STORAGE_WARNING_FREE_PERCENT", 0)
        .with("CAMERA_SERVICE_STORAGE_LISTING_CACHE_PAGES", pageCache ? 64 : 0)
        .with("CAMERA_SERVICE_LIMITS_RATES_FILE_PER_SECOND", 1_000_000)
        .with("CAMERA_SERVICE_LIMITS_RATES_FILE_BURST", 1_000_000);
    double seedSeconds = seed(options.dataDir(), files);
    try (BenchServer server = BenchServer.start(options);
        LoadClient client = new LoadClient(env.clientEventLoops())) {
      String token = server.token(Role.ADMIN);
      JsonObject startup = awaitCatalog(server.port(), token, files).put("seed_seconds", seedSeconds);
      List<WebSocket> sockets = client.connect(server.port(), CONNECTIONS, token);
      client.closedLoop(sockets, i -> CALL, env.seconds(seconds / 2), 0);
      JsonObject result = Results.measure(server,
          () -> client.closedLoop(sockets, i -> CALL, env.seconds(seconds), 0));
      try (BenchRpc rpc = new BenchRpc(server.port(), token)) {
        JsonObject metrics = rpc.result("get_metrics", null);
        result.put("server_dispatch_latency_ms", metrics.getJsonObject("rpc_metrics").getJsonObject("methods")
            .getJsonObject("list_recordings"));
        result.put("server_catalog_latency_ms", metrics.getJsonObject("file_metrics").getJsonObject("list_latency")
            .getJsonObject("recordings"));
      }
      return result.put("catalogued_recordings", files).put("connections", CONNECTIONS)
          .put("page_cache", pageCache).put("start_up_reconciliation", startup);
    }
  }

  /** Creates {@code files} empty recordings on four cameras with distinct modification times. */
  static double seed(Path dataDir, int files) throws Exception {
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
    return Results.round((System.nanoTime() - started) / 1e9);
  }

  /** Pings (about 100 a second) until the catalog is reconciled and its metadata pass is done. */
  static JsonObject awaitCatalog(int port, String token, int files) throws Exception {
    long started = System.nanoTime();
    Histogram pings = new Histogram(3);
    try (BenchRpc rpc = new BenchRpc(port, token)) {
      boolean ready = false;
      while (!ready) {
        for (int i = 0; i < 20; i++) {
          long sent = System.nanoTime();
          rpc.call("ping", null);
          pings.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
          Thread.sleep(10);
        }
        ready = "RUNNING".equals(rpc.result("get_status", null).getJsonObject("components")
            .getString("media_catalog"));
        if (System.nanoTime() - started > 300_000_000_000L) {
          throw new IllegalStateException("catalog not ready after 300 s");
        }
      }
      double seen = Results.round((System.nanoTime() - started) / 1e9);
      while (!rpc.result("get_metrics", null).getJsonObject("file_metrics").getJsonObject("catalog")
          .getBoolean("metadata_backfill_idle")) {
        if (System.nanoTime() - started > 600_000_000_000L) {
          throw new IllegalStateException("metadata backfill not done after 600 s");
        }
        Thread.sleep(100);
      }
      long total = rpc.result("list_recordings", new JsonObject().put("limit", 1)).getLong("total");
      if (total != files) {
        throw new IllegalStateException("catalog holds " + total + " recordings, expected " + files);
      }
      return new JsonObject()
          .put("server_ms", rpc.result("get_metrics", null).getJsonObject("file_metrics")
              .getJsonObject("catalog").getLong("startup_reconcile_ms"))
          .put("seen_by_client_seconds", seen)
          .put("pings", pings.getTotalCount())
          .put("ping_latency_ms", Results.latencyMs(pings));
    }
  }
}
