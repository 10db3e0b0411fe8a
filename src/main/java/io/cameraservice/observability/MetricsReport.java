package io.cameraservice.observability;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sections of {@code get_metrics}: each feature contributes a named section ({@code system_metrics},
 * {@code camera_metrics}, ...) computed when asked. Suppliers may block briefly (procfs, statvfs); the report is
 * built off the event loop.
 */
public final class MetricsReport {

  private final Map<String, Supplier<JsonObject>> sections = new LinkedHashMap<>();

  public synchronized void section(String name, Supplier<JsonObject> supplier) {
    sections.put(name, supplier);
  }

  public synchronized JsonObject build() {
    JsonObject out = new JsonObject();
    sections.forEach((name, supplier) -> out.put(name, supplier.get()));
    return out;
  }
}
