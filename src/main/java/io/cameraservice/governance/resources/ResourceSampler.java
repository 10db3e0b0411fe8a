package io.cameraservice.governance.resources;

/** Where resource readings come from: this process ({@link ProcessSampler}) or, in tests, a scripted source. */
@FunctionalInterface
public interface ResourceSampler {

  /** Takes a reading now. May block briefly (procfs, statvfs); called off the event loops. */
  ResourceSample sample();
}
