package io.cameraservice.system;

import java.util.ArrayList;
import java.util.List;

/** What this build offers, as reported by {@code get_server_info}; each feature adds its own at wiring time. */
public final class Capabilities {

  private final List<String> features = new ArrayList<>();
  private final List<String> formats = new ArrayList<>();

  public synchronized Capabilities feature(String name) {
    if (!features.contains(name)) {
      features.add(name);
    }
    return this;
  }

  public synchronized Capabilities format(String name) {
    if (!formats.contains(name)) {
      formats.add(name);
    }
    return this;
  }

  public synchronized List<String> features() {
    return List.copyOf(features);
  }

  public synchronized List<String> formats() {
    return List.copyOf(formats);
  }
}
