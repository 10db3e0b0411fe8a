package io.cameraservice.rpc;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Validated, typed parameters of one call. Absent optional parameters without a default are null. */
public final class Params {

  static final Params EMPTY = new Params(Map.of());

  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = values;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return (String) values.get(name);
  }

  public Long integer(String name) {
    return (Long) values.get(name);
  }

  /** An integer parameter that has a default or is required. */
  public int intValue(String name) {
    return ((Number) values.get(name)).intValue();
  }

  public Double number(String name) {
    return (Double) values.get(name);
  }

  public Boolean bool(String name) {
    return (Boolean) values.get(name);
  }

  public JsonObject object(String name) {
    return (JsonObject) values.get(name);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String name) {
    return (List<String>) values.get(name);
  }

  public Instant timestamp(String name) {
    return (Instant) values.get(name);
  }
}
