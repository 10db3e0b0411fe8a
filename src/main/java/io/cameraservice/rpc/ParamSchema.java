package io.cameraservice.rpc;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The named parameters a method takes. Unknown names are refused. */
public final class ParamSchema {

  private static final ParamSchema NONE = new ParamSchema(Map.of());

  private final Map<String, Param> params;

  private ParamSchema(Map<String, Param> params) {
    this.params = params;
  }

  public static ParamSchema none() {
    return NONE;
  }

  public static ParamSchema of(Param... params) {
    Map<String, Param> byName = new LinkedHashMap<>();
    for (Param p : params) {
      byName.put(p.name(), p);
    }
    return new ParamSchema(Collections.unmodifiableMap(byName));
  }

  /** The declared parameters, in order; for the published reference and tests that generate calls from it. */
  Collection<Param> params() {
    return params.values();
  }

  /** Validates the raw {@code params} object (null when absent) into typed {@link Params}. */
  public Params validate(JsonObject raw) {
    if (raw == null || raw.isEmpty()) {
      if (params.isEmpty()) {
        return Params.EMPTY;
      }
      raw = new JsonObject();
    }
    for (String key : raw.fieldNames()) {
      if (!params.containsKey(key)) {
        throw RpcError.invalidParams("unknown_param", key,
            params.isEmpty() ? "this method takes no parameters"
                : "not a parameter of this method (known: " + String.join(", ", params.keySet()) + ")")
            .exception();
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params.values()) {
      Object rawValue = raw.getValue(p.name());
      if (rawValue == null) {
        if (p.isRequired()) {
          throw p.fail("missing_param", "required");
        }
        if (p.defaultValue() != null) {
          values.put(p.name(), p.defaultValue());
        }
        continue;
      }
      values.put(p.name(), p.validate(rawValue));
    }
    return new Params(values);
  }
}
