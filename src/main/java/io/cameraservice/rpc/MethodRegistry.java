package io.cameraservice.rpc;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Method name to {@link MethodSpec}. Features register their methods at wiring time; lookups are lock-free. */
public final class MethodRegistry {

  private final Map<String, MethodSpec> methods = new ConcurrentHashMap<>();

  public MethodRegistry register(MethodSpec spec) {
    if (methods.putIfAbsent(spec.name(), spec) != null) {
      throw new IllegalStateException("method registered twice: " + spec.name());
    }
    return this;
  }

  public MethodSpec find(String name) {
    return methods.get(name);
  }

  /** Every registered method by name; for the permission matrix, the published reference and the fuzz test. */
  public List<MethodSpec> all() {
    return methods.values().stream().sorted(Comparator.comparing(MethodSpec::name)).toList();
  }
}
