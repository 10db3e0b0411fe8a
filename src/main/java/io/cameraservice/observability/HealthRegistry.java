package io.cameraservice.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Components report their state here; health endpoints and {@code get_status} read it. The service is ready once
 * start-up has finished and no component that readiness depends on is in ERROR.
 */
public final class HealthRegistry {

  /** A component and whether the service can serve without it. */
  private record Component(Supplier<ComponentState> state, boolean requiredForReady) {}

  private final Map<String, Component> components = new ConcurrentHashMap<>();
  /** Contract key to the component it names (see {@link #answerAlsoAs}). */
  private final Map<String, String> contractKeys = new ConcurrentHashMap<>();
  private volatile boolean started;
  private volatile boolean stopping;

  public void register(String name, boolean requiredForReady, Supplier<ComponentState> state) {
    components.put(name, new Component(state, requiredForReady));
  }

  /**
   * Lets {@link #state} answer for {@code component} under {@code contractKey} too: for a key the wire contract fixes
   * while the component is named here for what it checks. {@link #states()} still lists the component once, under
   * its own name.
   */
  public void answerAlsoAs(String contractKey, String component) {
    contractKeys.put(contractKey, component);
  }

  /** The state of a component, by its name or a contract key; STOPPED for a name nothing registered. */
  public ComponentState state(String name) {
    Component c = components.get(contractKeys.getOrDefault(name, name));
    return c == null ? ComponentState.STOPPED : c.state().get();
  }

  /** Every component and its state, in name order. */
  public Map<String, ComponentState> states() {
    Map<String, ComponentState> out = new LinkedHashMap<>();
    components.keySet().stream().sorted().forEach(name -> out.put(name, state(name)));
    return out;
  }

  public void markStarted() {
    started = true;
  }

  public void markStopping() {
    stopping = true;
  }

  public boolean isStopping() {
    return stopping;
  }

  /** Null when ready, otherwise why not. */
  public String notReadyReason() {
    if (stopping) {
      return "shutting down";
    }
    if (!started) {
      return "starting";
    }
    for (Map.Entry<String, Component> e : components.entrySet()) {
      if (e.getValue().requiredForReady() && e.getValue().state().get() != ComponentState.RUNNING) {
        return e.getKey() + " is " + e.getValue().state().get().name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }

  /** HEALTHY when everything runs, UNHEALTHY when a required component does not, DEGRADED otherwise. */
  public String overallStatus() {
    String status = "HEALTHY";
    for (Component c : components.values()) {
      ComponentState s = c.state().get();
      if (s != ComponentState.RUNNING) {
        if (c.requiredForReady()) {
          return "UNHEALTHY";
        }
        status = "DEGRADED";
      }
    }
    return stopping ? "DEGRADED" : status;
  }
}
