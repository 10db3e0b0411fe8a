package io.cameraservice.app;

import io.cameraservice.auth.DownloadSigner;
import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.camera.CameraLoop;
import io.cameraservice.camera.CameraMethods;
import io.cameraservice.camera.CameraRegistry;
import io.cameraservice.camera.ExternalStreamMethods;
import io.cameraservice.camera.ExternalStreams;
import io.cameraservice.camera.StreamProbe;
import io.cameraservice.camera.TestPatterns;
import io.cameraservice.camera.V4l2Discovery;
import io.cameraservice.config.RecordingSettings;
import io.cameraservice.config.ServiceConfig;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.media.LiveRoutes;
import io.cameraservice.media.MediaMethods;
import io.cameraservice.media.MediaService;
import io.cameraservice.media.StreamLinks;
import io.cameraservice.observability.ComponentState;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.server.RouteContributor;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cameras (V4L2, test patterns, network streams) and their media pipelines: recording, snapshots, live views. */
final class MediaFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(MediaFeature.class);
  private static final long CAMERA_START_LIMIT_MS = 15_000;
  /** The health component that checks whether the configured ffmpeg runs here. */
  private static final String FFMPEG_COMPONENT = "ffmpeg";
  private static final String CONTRACT_MEDIA_BACKEND_KEY = "mediamtx";

  private final Core core;
  private final CameraLoop cameraLoop;
  final StreamLinks links;
  final CameraRegistry cameras;
  private final V4l2Discovery v4l2;
  private final ExternalStreams externalStreams;
  private final MediaService media;
  private final HttpAuthenticator httpAuth;
  private final HttpAdmission admission;
  private volatile Boolean ffmpegUsable;

  MediaFeature(Core core, MediaIntake intake, HttpAuthenticator httpAuth, HttpAdmission admission) {
    this.core = core;
    this.httpAuth = httpAuth;
    this.admission = admission;
    ServiceConfig config = core.config;
    this.cameraLoop = new CameraLoop(core.vertx);
    this.links = new StreamLinks(new DownloadSigner(core.secret(),
        Duration.ofSeconds(config.media().live().urlTtlSeconds()), core.clock));
    this.cameras = new CameraRegistry(core.events, links, config.cameras().maxCameras());
    this.v4l2 = new V4l2Discovery(config.cameras().v4l2(), cameras, cameraLoop, core.pools);
    this.externalStreams = new ExternalStreams(config.cameras(), cameras, cameraLoop, new StreamProbe(
        config.media().ffprobePath(), Duration.ofSeconds(config.media().probeTimeoutSeconds()),
        core.pools.process()), core.clock);
    cameras.discoveryActive(() -> v4l2.active() || externalStreams.discoveryActive());
    this.media = new MediaService(config.media(), config.recording(), core.dataDir(), cameras, cameraLoop,
        core.pools, core.events, intake, links, core.metrics, core.clock);

    core.capabilities.feature("cameras").feature("v4l2_discovery").feature("test_patterns")
        .feature("external_streams").feature("recording").feature("snapshots").feature("live_streaming")
        .feature("fmp4_http").feature("mse_websocket").feature("mjpeg");
    RecordingSettings.FORMATS.forEach(core.capabilities::format);
    core.capabilities.format("jpg");
    core.report.section("camera_metrics", () -> MediaMethods.cameraMetrics(media.meters(), core.clock));
    core.report.section("recording_metrics", () -> MediaMethods.recordingMetrics(media.meters()));
    core.report.section("stream_metrics", () -> MediaMethods.streamMetrics(media.meters()));
    core.health.register("camera_monitor", false, () -> core.health.isStopping() ? ComponentState.STOPPING
        : v4l2.ready() ? ComponentState.RUNNING : ComponentState.STARTING);
    core.health.register(FFMPEG_COMPONENT, false, () -> ffmpegUsable == null ? ComponentState.STARTING
        : core.health.isStopping() ? ComponentState.STOPPING
        : ffmpegUsable ? ComponentState.RUNNING : ComponentState.ERROR);
    // The wire contract names the media backend's get_status component "mediamtx", whatever the backend is: the
    // old name stays there only (get_status carries it through this alias); /health/detailed says "ffmpeg".
    core.health.answerAlsoAs(CONTRACT_MEDIA_BACKEND_KEY, FFMPEG_COMPONENT);
  }

  @Override
  public void registerInto(MethodRegistry methods) {
    new CameraMethods(cameras, media).registerInto(methods);
    new ExternalStreamMethods(externalStreams).registerInto(methods);
    new MediaMethods(media, core.config.recording()).registerInto(methods);
  }

  @Override
  public List<RouteContributor> routes() {
    return List.of(new LiveRoutes(media, links, httpAuth, admission,
        core.config.media().buffers().viewerQueueBytes()));
  }

  /**
   * Registers the configured cameras and starts discovery; completes once the first V4L2 scan and the ffmpeg check
   * are done (at most {@link #CAMERA_START_LIMIT_MS}), so the first clients see the cameras that are there.
   */
  @Override
  public Future<Void> start() {
    TestPatterns.register(core.config.cameras().testPatterns(), cameras, cameraLoop);
    externalStreams.start();
    media.start();
    Future<Boolean> ffmpeg = media.checkFfmpeg().onComplete(ok -> {
      ffmpegUsable = ok.succeeded() && ok.result();
      if (!ffmpegUsable) {
        LOG.error("{} cannot run: cameras cannot be recorded or watched", core.config.media().ffmpegPath());
      }
    });
    return Future.join(v4l2.start(), ffmpeg).<Void>mapEmpty()
        .timeout(CAMERA_START_LIMIT_MS, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("camera discovery is still busy after {} ms; starting anyway", CAMERA_START_LIMIT_MS);
          return Future.succeededFuture();
        });
  }

  /** Recordings end (files final, events sent) and pipelines stop before the sockets close. */
  @Override
  public Future<Void> stop() {
    v4l2.stop();
    externalStreams.stop();
    return media.stop();
  }

  @Override
  public void close() {
    v4l2.stop();
    externalStreams.stop();
  }
}
