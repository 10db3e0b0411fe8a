package io.cameraservice.config;

/** A settings section that checks its own rules after binding. */
public interface Validated {

  /** Reports each broken rule under its full key path, prefixed by {@code prefix} (e.g. "server"). */
  void validate(String prefix, ConfigProblems problems);
}
