package io.cameraservice.camera;

import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.MethodRegistry;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.Param;
import io.cameraservice.rpc.ParamSchema;

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
    methods.register(new MethodSpec("add_external_stream", RateClass.CONTROL, ParamSchema.of(
        Param.string("stream_url").required().maxLength(2048),
        Param.string("stream_name").required().maxLength(128).pattern("^[^\\p{Cntrl}]+$"),
        Param.string("stream_type").maxLength(32).pattern("^[a-z0-9_]+$").defaultValue("generic")),
        call -> streams.add(call.params().string("stream_url"), call.params().string("stream_name"),
            call.params().string("stream_type"))));
    methods.register(new MethodSpec("remove_external_stream", RateClass.CONTROL, ParamSchema.of(
        Param.string("stream_url").required().maxLength(2048)),
        call -> streams.remove(call.params().string("stream_url"))));
    methods.register(new MethodSpec("get_external_streams", RateClass.STATUS, ParamSchema.none(),
        call -> streams.list()));
    methods.register(new MethodSpec("discover_external_streams", RateClass.CONTROL, ParamSchema.none(),
        call -> streams.discover()));
    methods.register(new MethodSpec("set_discovery_interval", RateClass.ADMIN, ParamSchema.of(
        Param.integer("scan_interval").required().range(0, 86400)),
        call -> streams.setDiscoveryInterval(call.params().intValue("scan_interval"))));
  }
}
