package io.cameraservice.app;

import io.cameraservice.auth.DownloadSigner;
import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.files.CatalogUpkeep;
import io.cameraservice.files.DownloadLinks;
import io.cameraservice.files.DownloadRoutes;
import io.cameraservice.files.FileMethods;
import io.cameraservice.files.FilesMetrics;
import io.cameraservice.files.MediaCatalog;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.governance.WorkPools;
import io.cameraservice.retention.DiskSpaceGuard;
import io.cameraservice.retention.Retention;
import io.cameraservice.retention.RetentionPolicy;
import io.cameraservice.retention.StorageMethods;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.server.RouteContributor;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** The media catalog and everything around the files: listing, downloads, retention, the disk-space guard. */
final class FilesFeature implements Feature {

  private final Core core;
  private final MediaCatalog catalog;
  private final CatalogUpkeep upkeep;
  private final DiskSpaceGuard diskGuard;
  private final Retention retention;
  private final StorageMethods storage;
  private final DownloadLinks downloadLinks;
  private final HttpAuthenticator httpAuth;
  private final HttpAdmission admission;
  final MediaIntake intake;

  FilesFeature(Core core, HttpAuthenticator httpAuth, HttpAdmission admission) {
    this.core = core;
    this.httpAuth = httpAuth;
    this.admission = admission;
    FilesMetrics filesMetrics = new FilesMetrics(core.metrics);
    this.catalog = MediaCatalog.open(core.dataDir(), core.config.storage().catalogPath(), core.pools.db(),
        core.pools.process(), core.pools.fs(), core.config.limits().queues().get(WorkPools.DB).capacity(),
        core.config.storage().listingCachePages(), core.config.media().ffprobePath(), filesMetrics, core.clock);
    filesMetrics.watch(catalog::totals);
    this.upkeep = new CatalogUpkeep(catalog, core.pools.fs(), core.config.storage().sweepIntervalSeconds(),
        core.config.storage().probeConcurrency());
    this.diskGuard = new DiskSpaceGuard(core.config.storage(), catalog, core.events, core.pools.fs(), core.clock,
        core.metrics);
    this.retention = new Retention(catalog, core.config.storage().statePath(),
        RetentionPolicy.defaults(core.config.retention()), core.config.retention().intervalSeconds(), core.pools.fs(),
        core.clock);
    this.storage = new StorageMethods(catalog, diskGuard, retention);
    this.intake = new MediaIntake(catalog, diskGuard);
    this.downloadLinks = new DownloadLinks(new DownloadSigner(core.secret(),
        Duration.ofSeconds(core.config.downloads().urlTtlSeconds()), core.clock));

    core.capabilities.feature("file_management").feature("downloads").feature("retention");
    core.health.register("media_catalog", true, upkeep::state);
    core.report.section("file_metrics", () -> FileMethods.fileMetrics(filesMetrics.activity(), catalog.totals(),
        upkeep.status()));
    core.report.section("storage_metrics", storage::storageMetrics);
  }

  @Override
  public void registerInto(MethodRegistry methods) {
    new FileMethods(catalog, downloadLinks).registerInto(methods);
    storage.registerInto(methods);
  }

  @Override
  public List<RouteContributor> routes() {
    return List.of(new DownloadRoutes(catalog, downloadLinks, httpAuth, core.pools.fs(), admission));
  }

  /** The catalog reconciles in the background: the service answers (ping, listings) while it runs. */
  @Override
  public Future<Void> start() {
    upkeep.start(core.vertx);
    diskGuard.start(core.vertx);
    retention.start(core.vertx, upkeep.ready());
    return Future.succeededFuture();
  }

  /** Completes once the catalog has been reconciled with the folders after start-up. */
  Future<Void> catalogReady() {
    return upkeep.ready();
  }

  @Override
  public void close() {
    retention.close();
    diskGuard.close();
    upkeep.close();
  }

  /** Last of all, once no pool can run a catalog task any more. */
  void closeCatalog() {
    catalog.close();
  }
}
