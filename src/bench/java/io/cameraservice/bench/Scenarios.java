package io.cameraservice.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario by name, in the order a full run takes them. */
final class Scenarios {

  private Scenarios() {}

  static Map<String, Scenario> all() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    for (Scenario s : List.of(
        ThroughputScenario.of("ping", 1, 15),
        ThroughputScenario.of("ping", 16, 15),
        ThroughputScenario.of("ping", 16, 15).bareVertxTwin(),
        ThroughputScenario.pipelined("ping", 16, 8, 15),
        ThroughputScenario.pipelined("ping", 16, 8, 15).bareVertxTwin(),
        ThroughputScenario.of("get_camera_list", 1, 15).withSetup(o -> o.withTestPatterns(2, false)),
        ThroughputScenario.of("get_camera_list", 16, 15).withSetup(o -> o.withTestPatterns(2, false)),
        new FileListingScenario(10_000, true, 20),
        new FileListingScenario(100_000, true, 30),
        new FileListingScenario(100_000, false, 30),
        new FloodScenario("list_recordings", new io.vertx.core.json.JsonObject().put("limit", 50), 5000, 1000, 200,
            20),
        new IdleConnectionsScenario(1000),
        new IdleConnectionsScenario(10000),
        new FanOutScenario(1000, 30),
        new ScalingScenario(),
        new BudgetScenario(),
        new MediaScenario(),
        new SoakScenario(600))) {
      all.put(s.name(), s);
    }
    return all;
  }
}
