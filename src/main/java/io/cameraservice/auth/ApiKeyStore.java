package io.cameraservice.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cameraservice.fs.PrivateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * API keys, kept as SHA-256 hashes in {@code <data>/state/api_keys.json} (mode 0600, replaced atomically, changes
 * serialised across processes by a lock file). The command-line tool writes the file; a running server re-reads it
 * when it changes, so a key created or revoked by the CLI takes effect without a restart.
 */
public final class ApiKeyStore {

  public static final String PREFIX = "csk_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Path lockFile;
  private final Clock clock;
  private volatile Map<String, ApiKey> byHash = Map.of();
  private volatile Map<String, ApiKey> byId = Map.of();
  private volatile List<Object> loadedVersion;

  public ApiKeyStore(Path stateDir, Clock clock) {
    this.file = stateDir.resolve("api_keys.json");
    this.lockFile = stateDir.resolve("api_keys.lock");
    this.clock = clock;
  }

  /** A newly created key: the only moment its plaintext exists. */
  public record CreatedKey(ApiKey key, String plaintext) {}

  public CreatedKey create(String name, Role role, Instant expiresAt) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String plaintext = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey key = new ApiKey("key_" + HexFormat.of().formatHex(randomBytes(6)), name, role, clock.instant(),
        expiresAt, null, hash(plaintext));
    update(keys -> {
      List<ApiKey> next = new ArrayList<>(keys);
      next.add(key);
      return next;
    });
    return new CreatedKey(key, plaintext);
  }

  /** Marks the key revoked; false when there is no key with that id. */
  public boolean revoke(String id) {
    boolean[] found = {false};
    update(keys -> keys.stream().map(k -> {
      if (k.id().equals(id)) {
        found[0] = true;
        return k.isRevoked() ? k : k.revoked(clock.instant());
      }
      return k;
    }).collect(Collectors.toList()));
    return found[0];
  }

  public List<ApiKey> list() {
    refresh();
    return List.copyOf(byId.values()).stream()
        .sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).collect(Collectors.toList());
  }

  /** The key with this plaintext, or null. Re-reads the file first if it changed. Blocking: call off the loop. */
  public ApiKey find(String plaintext) {
    refresh();
    return byHash.get(hash(plaintext));
  }

  /** In-memory check used on every call of an API-key session; {@link #refresh()} keeps it current. */
  public boolean isRevoked(String id) {
    ApiKey key = byId.get(id);
    return key == null || key.isRevoked();
  }

  /** Reloads the file when its modification time changed since the last load. Blocking. */
  public synchronized void refresh() {
    List<Object> version = version();
    if (!version.equals(loadedVersion)) {
      install(read(), version);
    }
  }

  private void update(Function<List<ApiKey>, List<ApiKey>> change) {
    try {
      PrivateDirectory.create(file.getParent());
      try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lock.lock()) {
        List<ApiKey> next = change.apply(read());
        write(next);
        install(next, version());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file, e);
    }
  }

  private synchronized void install(List<ApiKey> keys, List<Object> version) {
    this.byHash = keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::hash, k -> k, (a, b) -> a));
    this.byId = keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::id, k -> k, (a, b) -> a));
    this.loadedVersion = version;
  }

  private List<ApiKey> read() {
    try {
      byte[] bytes = Files.readAllBytes(file);
      Map<String, List<ApiKey>> doc = JSON.readValue(bytes, new TypeReference<Map<String, List<ApiKey>>>() {});
      return doc.getOrDefault("keys", List.of());
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void write(List<ApiKey> keys) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".api_keys", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      byte[] bytes = JSON.writeValueAsBytes(Map.of("keys", keys));
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(bytes));
        out.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Identity of the file's current content: a replaced file has a new inode, an edited one a new mtime. */
  private List<Object> version() {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(attrs.fileKey()), attrs.lastModifiedTime(), attrs.size());
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hash(String plaintext) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
