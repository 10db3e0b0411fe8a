package io.cameraservice.camera;

import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.Access;
import io.cameraservice.rpc.MethodError;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code add_external_stream}, {@code remove_external_stream}, {@code get_external_streams},
 * {@code discover_external_streams} and {@code set_discovery_interval}.
 */
public final class ExternalStreamMethods {

  private final ExternalStreams streams;

  public ExternalStreamMethods(ExternalStreams streams) {
    this.streams = streams;
  }

  public void registerInto(MethodRegistry methods) {
    methods.register(MethodSpec.method("add_external_stream", Access.OPERATOR, RateClass.CONTROL)
        .summary("Adds a network stream (RTSP, HTTP, ...) as a camera; the stream is probed before it is added.")
        .params(streamUrl(),
            Param.string("stream_name").required().maxLength(128).pattern("^[^\\p{Cntrl}]+$")
                .about("a display name for the new camera"),
            Param.string("stream_type").maxLength(32).pattern("^[a-z0-9_]+$").defaultValue("generic")
                .about("a free label for the kind of source"))
        .returns("{device, stream_url (credentials redacted), stream_name, stream_type, origin, status: ADDED, codec, "
            + "resolution, fps, added_at, timestamp}")
        .errors(MethodError.invalidState("stream_already_added"), MethodError.rateLimited("max_cameras"),
            MethodError.dependencyFailed("stream_unreachable"))
        .handledBy(call -> streams.add(call.params().string("stream_url"), call.params().string("stream_name"),
            call.params().string("stream_type")).map(ExternalStreamMethods::added)));
    methods.register(MethodSpec.method("remove_external_stream", Access.OPERATOR, RateClass.CONTROL)
        .summary("Removes a network stream added with add_external_stream, and its camera.")
        .params(streamUrl())
        .returns("{stream_url (credentials redacted), device, status: REMOVED, timestamp}")
        .errors(MethodError.notFound("stream_not_found"))
        .handledBy(call -> streams.remove(call.params().string("stream_url")).map(ExternalStreamMethods::removed)));
    methods.register(MethodSpec.method("get_external_streams", Access.VIEWER, RateClass.STATUS)
        .summary("Lists the network streams added at run time or found by discovery.")
        .returns("{external_streams: [stream as add_external_stream answers], total, discovery_configured, "
            + "scan_interval, last_scan_time}")
        .handledBy(call -> streams.list().map(ExternalStreamMethods::listing)));
    methods.register(MethodSpec.method("discover_external_streams", Access.OPERATOR, RateClass.CONTROL)
        .summary("Probes the discovery candidates named in configuration now and adds the ones that answer.")
        .returns("{discovered_streams: [{stream_url, reachable, codec, resolution, device, new} or {stream_url, "
            + "reachable: false, error}], candidates_probed, reachable, scan_timestamp}")
        .errors(MethodError.unsupported("discovery_not_configured"))
        .handledBy(call -> streams.discover().map(ExternalStreamMethods::discovery)));
    methods.register(MethodSpec.method("set_discovery_interval", Access.ADMIN, RateClass.ADMIN)
        .summary("Sets how often discovery probes its candidates (0 turns periodic discovery off).")
        .params(Param.integer("scan_interval").required().range(0, 86400).about("seconds between scans; 0 = off"))
        .returns("{scan_interval, message}")
        .errors(MethodError.unsupported("discovery_not_configured"))
        .handledBy(call -> streams.setDiscoveryInterval(call.params().intValue("scan_interval"))
            .map(ExternalStreamMethods::interval)));
  }

  private static Param streamUrl() {
    return Param.string("stream_url").required().maxLength(2048).about("the stream's URL, e.g. rtsp://host/path");
    }

  // --- the wire shapes of the answers (api/contract.md) ---

  private static JsonObject stream(ExternalStreams.Stream s) {
    return new JsonObject()
        .put("device", s.device())
        .put("stream_url", s.url())
        .put("stream_name", s.name())
        .put("stream_type", s.type())
        .put("origin", s.origin())
        .put("status", s.status().name())
        .put("codec", s.codec())
        .put("resolution", s.resolution())
        .put("fps", s.fps())
        .put("added_at", Timestamps.format(s.addedAt()));
  }

  private static JsonObject added(ExternalStreams.Added a) {
    return stream(a.stream()).put("status", "ADDED").put("timestamp", Timestamps.format(a.at()));
  }

  private static JsonObject removed(ExternalStreams.Removed r) {
    return new JsonObject()
        .put("stream_url", r.url())
        .put("device", r.device())
        .put("status", "REMOVED")
        .put("timestamp", Timestamps.format(r.at()));
  }

  private static JsonObject listing(ExternalStreams.Listing l) {
    JsonArray streams = new JsonArray();
    l.streams().forEach(s -> streams.add(stream(s)));
    return new JsonObject().put("external_streams", streams)
        .put("total", streams.size())
        .put("discovery_configured", l.discoveryConfigured())
        .put("scan_interval", l.scanInterval())
        .put("last_scan_time", Timestamps.format(l.lastScan()));
  }

  private static JsonObject discovery(ExternalStreams.Discovery d) {
    JsonArray results = new JsonArray();
    for (ExternalStreams.Candidate c : d.candidates()) {
      JsonObject result = new JsonObject().put("stream_url", c.url()).put("reachable", c.reachable());
      results.add(c.reachable()
          ? result.put("codec", c.codec()).put("resolution", c.resolution()).put("device", c.device())
              .put("new", c.added())
          : result.put("error", c.error()));
    }
    return new JsonObject()
        .put("discovered_streams", results)
        .put("candidates_probed", d.candidates().size())
        .put("reachable", d.reachable())
        .put("scan_timestamp", Timestamps.format(d.at()));
  }

  private static JsonObject interval(int seconds) {
    return new JsonObject().put("scan_interval", seconds)
        .put("message", seconds == 0 ? "periodic discovery stopped" : "discovery runs every " + seconds + " s");
  }
}
