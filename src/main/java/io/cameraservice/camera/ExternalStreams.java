package io.cameraservice.camera;

import io.cameraservice.domain.Failure;
import io.cameraservice.config.CameraSettings;
import io.cameraservice.config.ExternalStreamSettings;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network cameras: those in configuration, those added with {@code add_external_stream}, and those found by probing
 * the configured discovery candidates. Each is probed with ffprobe; one that cannot be reached stays DISCONNECTED
 * and is probed again every {@code network_probe_interval_seconds}. State lives on the {@link CameraLoop}.
 */
public final class ExternalStreams {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalStreams.class);

  /** One network camera this class owns. {@code origin}: config, api or discovery. */
  private record Entry(String id, String url, String name, String type, String origin, Instant addedAt) {}

  /**
   * A stream as it stands now; {@code url} is redacted, {@code codec}, {@code resolution} and {@code fps} are null
   * until a probe succeeded.
   */
  public record Stream(String device, String url, String name, String type, String origin, CameraStatus status,
      String codec, String resolution, Double fps, Instant addedAt) { }

  /** What {@code add_external_stream} made. */
  public record Added(Stream stream, Instant at) { }

  /** What {@code remove_external_stream} removed; {@code url} is redacted. */
  public record Removed(String url, String device, Instant at) { }

  /** {@code get_external_streams}: every stream, and the state of discovery. */
  public record Listing(List<Stream> streams, boolean discoveryConfigured, int scanInterval, Instant lastScan) { }

  /**
   * One candidate of a discovery: reachable with what was found ({@code device} null when no camera place was
   * left, {@code added} when it became a camera now), or unreachable with the {@code error}.
   */
  public record Candidate(String url, boolean reachable, String codec, String resolution, String device,
      boolean added, String error) { }

  /** {@code discover_external_streams}: the candidates in configured order. */
  public record Discovery(List<Candidate> candidates, Instant at) {
    public long reachable() {
      return candidates.stream().filter(Candidate::reachable).count();
    }
  }

  private final CameraSettings settings;
  private final CameraRegistry registry;
  private final CameraLoop loop;
  private final StreamProbe probe;
  private final Clock clock;
  private final Map<String, Entry> byUrl = new LinkedHashMap<>();
  private long discoveryTimer = -1;
  private long reprobeTimer = -1;
  private volatile int discoveryInterval;
  private Instant lastDiscovery;

  public ExternalStreams(CameraSettings settings, CameraRegistry registry, CameraLoop loop, StreamProbe probe,
      Clock clock) {
    this.settings = settings;
    this.registry = registry;
    this.loop = loop;
    this.probe = probe;
    this.clock = clock;
    this.discoveryInterval = settings.discoveryIntervalSeconds();
  }

  public void start() {
    loop.run(() -> {
      for (ExternalStreamSettings s : settings.externalStreams()) {
        registry.reserve(s.id(), s.url());
        Entry entry = new Entry(s.id(), s.url(), s.name(), s.type(), "config", clock.instant());
        byUrl.put(s.url(), entry);
        registry.put(new Camera(s.id(), s.name(), CameraStatus.DISCONNECTED,
            new NetworkCapture(s.url(), null, null, 0), CameraCapabilities.UNKNOWN, ValidationStatus.NONE, s.url()));
        refresh(entry);
      }
      reprobeTimer = loop.periodic(settings.networkProbeIntervalSeconds() * 1000L, this::reprobeDisconnected);
      scheduleDiscovery();
    });
  }

  /** No more probes or discovery: the service is stopping. */
  public void stop() {
    loop.run(() -> {
      if (reprobeTimer >= 0) {
        loop.cancel(reprobeTimer);
        reprobeTimer = -1;
      }
      discoveryInterval = 0;
      scheduleDiscovery();
    });
  }

  public boolean discoveryConfigured() {
    return !settings.discoveryCandidates().isEmpty();
  }

  public boolean discoveryActive() {
    return discoveryConfigured() && discoveryInterval > 0;
  }

  /** {@code add_external_stream}: probes the URL and makes it a camera. */
  public Future<Added> add(String url, String name, String type) {
    String scheme = StreamUrls.scheme(url);
    if (scheme == null || !settings.externalUrlSchemes().contains(scheme)) {
      return Future.failedFuture(Failure.invalidInput("invalid_value", "stream_url",
          "must be a URL with a scheme among " + settings.externalUrlSchemes()));
    }
    return loop.call(() -> {
      if (find(url) != null) {
        return Future.failedFuture(Failure.invalidState("stream_already_added", "ADDED", List.of("NOT_ADDED")));
      }
      if (registry.full()) {
        return Future.failedFuture(Failure.busy("max_cameras", 0, registry.known().size(), "cameras"));
      }
      return probe.probe(url).compose(found -> loop.call(() -> {
        if (find(url) != null) {
          return Future.failedFuture(Failure.invalidState("stream_already_added", "ADDED", List.of("NOT_ADDED")));
        }
        Entry entry = new Entry(registry.newDynamicId(url), url, name, type, "api", clock.instant());
        byUrl.put(url, entry);
        connect(entry, found);
        LOG.info("{} added: {} ({})", entry.id(), StreamUrls.redact(url), found.codec());
        return Future.succeededFuture(new Added(describe(entry), clock.instant()));
      }));
    });
  }

  /** {@code remove_external_stream}: the URL as added, or as {@code get_external_streams} shows it. */
  public Future<Removed> remove(String url) {
    return loop.call(() -> {
      Entry entry = find(url);
      if (entry == null) {
        return Future.failedFuture(Failure.notFound("stream", StreamUrls.redact(url)));
      }
      byUrl.remove(entry.url());
      registry.remove(entry.id());
      LOG.info("{} removed: {}", entry.id(), StreamUrls.redact(entry.url()));
      return Future.succeededFuture(new Removed(StreamUrls.redact(entry.url()), entry.id(), clock.instant()));
    });
  }

  public Future<Listing> list() {
    return loop.call(() -> Future.succeededFuture(new Listing(byUrl.values().stream().map(this::describe).toList(),
        discoveryConfigured(), discoveryInterval, lastDiscovery)));
  }

  /** {@code discover_external_streams}: probes every configured candidate; reachable new ones become cameras. */
  public Future<Discovery> discover() {
    if (!discoveryConfigured()) {
      return notConfigured();
    }
    List<String> candidates = settings.discoveryCandidates();
    List<Future<Candidate>> probes = new ArrayList<>();
    for (String url : candidates) {
      probes.add(probe.probe(url).compose(found -> loop.call(() -> {
        Entry entry = find(url);
        boolean added = false;
        if (entry == null && !registry.full()) {
          entry = new Entry(registry.newDynamicId(url), url, url, "discovered", "discovery", clock.instant());
          byUrl.put(url, entry);
          added = true;
        }
        if (entry != null) {
          connect(entry, found);
        }
        return Future.succeededFuture(new Candidate(StreamUrls.redact(url), true, found.codec(), found.size(),
            entry == null ? null : entry.id(), added, null));
      }), failure -> Future.succeededFuture(new Candidate(StreamUrls.redact(url), false, null, null, null, false,
          failure.getMessage()))));
    }
    return Future.join(probes).transform(all -> loop.call(() -> {
      lastDiscovery = clock.instant();
      return Future.succeededFuture(new Discovery(probes.stream().map(Future::result).toList(), lastDiscovery));
    }));
  }

  /** {@code set_discovery_interval}: 0 stops periodic discovery. Answers the interval now in force. */
  public Future<Integer> setDiscoveryInterval(int seconds) {
    if (!discoveryConfigured()) {
      return notConfigured();
    }
    return loop.call(() -> {
      discoveryInterval = seconds;
      scheduleDiscovery();
      return Future.succeededFuture(seconds);
    });
  }

  private void scheduleDiscovery() {
    if (discoveryTimer >= 0) {
      loop.cancel(discoveryTimer);
      discoveryTimer = -1;
    }
    if (discoveryActive()) {
      discoveryTimer = loop.periodic(discoveryInterval * 1000L, () -> discover()
          .onFailure(e -> LOG.warn("periodic discovery failed: {}", e.toString())));
    }
  }

  private void reprobeDisconnected() {
    byUrl.values().forEach(entry -> {
      Camera camera = registry.find(entry.id());
      if (camera != null && camera.status() == CameraStatus.DISCONNECTED) {
        refresh(entry);
      }
    });
  }

  private void refresh(Entry entry) {
    probe.probe(entry.url()).onComplete(done -> loop.run(() -> {
      if (byUrl.get(entry.url()) != entry) {
        return;
      }
      if (done.succeeded()) {
        connect(entry, done.result());
      } else {
        LOG.info("{} not reachable: {}", entry.id(), done.cause().getMessage());
      }
    }));
  }

  private void connect(Entry entry, StreamProbe.Result found) {
    NetworkCapture source = new NetworkCapture(entry.url(), found.codec(), found.size(), found.fps());
    CameraCapabilities caps = found.size() == null ? CameraCapabilities.UNKNOWN
        : CameraCapabilities.single(found.fourcc(), found.codec(), found.width(), found.height(), found.fps());
    registry.put(new Camera(entry.id(), entry.name(), CameraStatus.CONNECTED, source, caps,
        ValidationStatus.CONFIRMED, entry.url()));
  }

  private Entry find(String url) {
    Entry exact = byUrl.get(url);
    if (exact != null) {
      return exact;
    }
    return byUrl.values().stream().filter(e -> StreamUrls.redact(e.url()).equals(url)).findFirst().orElse(null);
  }

  private Stream describe(Entry entry) {
    Camera camera = registry.find(entry.id());
    NetworkCapture source = camera != null && camera.source() instanceof NetworkCapture
        ? (NetworkCapture) camera.source() : null;
    return new Stream(entry.id(), StreamUrls.redact(entry.url()), entry.name(), entry.type(), entry.origin(),
        camera == null ? CameraStatus.DISCONNECTED : camera.status(), source == null ? null : source.codec(),
        source == null ? null : source.size(), source == null ? null : source.fps(), entry.addedAt());
  }

  private static <T> Future<T> notConfigured() {
    return Future.failedFuture(Failure.unsupported("discovery_not_configured", "external_stream_discovery")
        .with("detail", "no cameras.discovery_candidates are configured"));
  }
}
