package io.cameraservice.bench;

import java.nio.file.Path;
import java.util.Map;

/** What one benchmark drives: the server's settings and data, and the request each connection repeats. */
interface Scenario {

  String name();

  /** The JSON-RPC request frame connection {@code connection} sends again and again (with an id). */
  String request(int connection);

  /** Extra CAMERA_SERVICE_* settings for the server under test. */
  default Map<String, String> serverSettings() {
    return Map.of();
  }

  /** Puts whatever the scenario needs into the server's data directory before it starts. */
  default void prepare(Path dataDir) throws Exception {}

  /** Called once the server listens, before the warm-up (e.g. to wait for start-up work and measure it). */
  default void started(int port, String adminToken) throws Exception {}

  /** Called after the measured period, while the server still runs (e.g. to read its own metrics). */
  default void finished(int port, String adminToken) throws Exception {}

  /** Any scenario-specific figures for the result file. */
  default Map<String, Object> details() {
    return Map.of();
  }
}
