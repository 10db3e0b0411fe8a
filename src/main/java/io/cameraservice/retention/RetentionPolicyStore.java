package io.cameraservice.retention;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The policy set by {@code set_retention_policy}, kept in {@code <data>/state/retention_policy.json}. Blocking. */
final class RetentionPolicyStore {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPolicyStore.class);

  private final Path file;

  RetentionPolicyStore(Path stateDir) {
    this.file = stateDir.resolve("retention_policy.json");
  }

  /** The stored policy, or {@code defaults} when none was stored or the file cannot be used. */
  RetentionPolicy load(RetentionPolicy defaults) {
    try {
      return RetentionPolicy.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)), defaults);
    } catch (NoSuchFileException e) {
      return defaults;
    } catch (IOException | DecodeException | ClassCastException | IllegalArgumentException e) {
      LOG.warn("ignoring unusable retention policy {} ({}); using the configured defaults", file, e.toString());
      return defaults;
    }
  }

  void save(RetentionPolicy policy) throws IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(partial, policy.toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
