package io.cameraservice.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the configuration from, lowest precedence first: the defaults in the jar, presets of the running command
 * (e.g. demo), the user file, {@code CAMERA_SERVICE_*} environment variables and command-line flags. Every problem is
 * collected before one {@link ConfigException} reports them all.
 */
public final class ConfigLoader {

  private static final ObjectMapper BINDER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private final Map<String, String> environment;
  private ObjectNode presets = JsonNodeFactory.instance.objectNode();
  private ObjectNode flags = JsonNodeFactory.instance.objectNode();
  private boolean secretRequired;

  private ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  public static ConfigLoader withEnvironment(Map<String, String> environment) {
    return new ConfigLoader(environment);
  }

  /** Settings a command brings with it; the user file and the environment still override them. */
  public ConfigLoader presets(ObjectNode values) {
    this.presets = values.deepCopy();
    return this;
  }

  /** Settings given as command-line flags; they override everything else. */
  public ConfigLoader flags(ObjectNode values) {
    this.flags = values.deepCopy();
    return this;
  }

  /** Whether {@code auth.jwt_secret} must be present and strong enough (serving and minting tokens). */
  public ConfigLoader requireSecret(boolean required) {
    this.secretRequired = required;
    return this;
  }

  public ServiceConfig load(Path userFile) {
    ConfigProblems problems = new ConfigProblems();
    ObjectNode defaults = ConfigTree.defaults();
    ObjectNode tree = defaults.deepCopy();
    ConfigTree.merge(tree, presets);
    if (userFile != null) {
      ObjectNode user = ConfigTree.readFile(userFile, problems);
      ConfigTree.checkShape(defaults, user, "", problems);
      ConfigTree.merge(tree, user);
    }
    ConfigTree.applyEnvironment(tree, defaults, environment, problems);
    ConfigTree.merge(tree, flags);
    problems.throwIfAny();

    ServiceConfig config = bind(tree);
    config.validate("", problems);
    if (secretRequired) {
      config.auth().validateSecret("auth", problems);
    }
    problems.throwIfAny();
    return config;
  }

  private static ServiceConfig bind(ObjectNode tree) {
    try {
      return BINDER.treeToValue(tree, ServiceConfig.class);
    } catch (JsonMappingException e) {
      String key = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      throw new ConfigException(key.isEmpty() ? "(root)" : key, "invalid value: " + e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("(root)", "invalid value: " + e.getOriginalMessage());
    }
  }
}
