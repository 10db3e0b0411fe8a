package io.cameraservice.retention;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy set by {@code set_retention_policy}, kept in {@code <data>/state/retention_policy.json}, and that file's
 * format. Blocking.
 */
final class RetentionPolicyStore {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPolicyStore.class);

  private final Path file;

  RetentionPolicyStore(Path stateDir) {
    this.file = stateDir.resolve("retention_policy.json");
  }

  /** The stored policy, or {@code defaults} when none was stored or the file cannot be used. */
  RetentionPolicy load(RetentionPolicy defaults) {
    try {
      return fromStored(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)), defaults);
    } catch (NoSuchFileException e) {
      return defaults;
    } catch (IOException | DecodeException | ClassCastException | IllegalArgumentException e) {
      LOG.warn("ignoring unusable retention policy {} ({}); using the configured defaults", file, e.toString());
      return defaults;
    }
  }

  /**
   * Replaces the stored policy atomically and durably: a temp file of its own (so concurrent callers never share
   * one), flushed to the disk before the rename, and the folder flushed after it, so that after a crash the file
   * holds either the old policy or the new one, whole. Callers serialise saves (see {@link Retention#setPolicy}).
   */
  void save(RetentionPolicy policy) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(toStored(policy).encodePrettily().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  /** The file's format; it is read back by every later version, so it does not follow the wire answers. */
  private static JsonObject toStored(RetentionPolicy policy) {
    return new JsonObject().put("policy_type", policy.type().wireName()).put("enabled", policy.enabled())
        .put("max_age_days", policy.maxAgeDays()).put("max_size_gb", policy.maxSizeGb());
  }

  /** The stored policy; fields it lacks come from {@code fallback}. */
  private static RetentionPolicy fromStored(JsonObject json, RetentionPolicy fallback) {
    return new RetentionPolicy(RetentionPolicy.Type.fromWire(json.getString("policy_type", fallback.type().wireName())),
        json.getBoolean("enabled", fallback.enabled()), json.getDouble("max_age_days", fallback.maxAgeDays()),
        json.getDouble("max_size_gb", fallback.maxSizeGb()));
  }
}
