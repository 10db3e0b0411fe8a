package io.cameraservice.cli;

import io.cameraservice.system.BuildInfo;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo build = BuildInfo.load();
    return new String[] {"camera-service " + build.version() + " (built " + build.buildDate() + ")"};
  }
}
