package io.cameraservice.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every scenario by name, in the order a full suite runs them. */
final class Scenarios {

  private Scenarios() {}

  static Map<String, Supplier<Scenario>> all() {
    Map<String, Supplier<Scenario>> all = new LinkedHashMap<>();
    all.put("ping_1", () -> new ThroughputScenario("ping", null, 1, 15));
    all.put("ping_16", () -> new ThroughputScenario("ping", null, 16, 15));
    all.put("flood", () -> new FloodScenario("get_server_info", null, 5000, 1000, 200, 20));
    all.put("idle_connections_1000", () -> new IdleConnectionsScenario(1000));
    all.put("idle_connections_10000", () -> new IdleConnectionsScenario(10000));
    all.put("scaling", ScalingScenario::new);
    all.put("file_listing", () -> new FileListingScenario(100_000, true, 30));
    all.put("file_listing_uncached", () -> new FileListingScenario(100_000, false, 30));
    all.put("soak", () -> new SoakScenario(600));
    all.put("media", MediaScenario::new);
    return all;
  }
}
