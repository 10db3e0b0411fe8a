package io.cameraservice.observability;

/** The states a component reports in {@code get_status} and {@code /health/detailed}. */
public enum ComponentState {
  RUNNING,
  STOPPED,
  ERROR,
  STARTING,
  STOPPING
}
