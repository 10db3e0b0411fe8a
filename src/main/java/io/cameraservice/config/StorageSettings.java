package io.cameraservice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

public record StorageSettings(String dataDir) implements Validated {

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.notBlank(prefix + ".data_dir", dataDir);
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  /** Durable service state: API keys, retention policy, generated secrets. */
  public Path statePath() {
    return dataPath().resolve("state");
  }

  /** Creates the state directory readable by the service's user only (it holds key hashes and secrets). */
  public static Path createPrivateDirectory(Path dir) {
    try {
      Files.createDirectories(dir.getParent());
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
