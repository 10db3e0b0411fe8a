package io.cameraservice.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
  private final List<ConfigCheck> checks = new ArrayList<>();

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

  /** Checks run on the bound configuration after its own rules (see {@link ConfigCheck}). */
  public ConfigLoader checks(List<ConfigCheck> added) {
    checks.addAll(added);
    return this;
  }

  public ServiceConfig load(Path userFile) {
    ConfigProblems problems = new ConfigProblems();
    ObjectNode defaults = ConfigTree.defaults();
    ObjectNode tree = defaults.deepCopy();
    ConfigTree.merge(tree, presets);
    ObjectNode user = userFile == null ? JsonNodeFactory.instance.objectNode()
        : ConfigTree.readFile(userFile, problems);
    if (user != null) {
      ConfigTree.checkShape(defaults, user, "", problems);
      ConfigTree.merge(tree, user);
    }
    ConfigTree.applyEnvironment(tree, defaults, environment, problems);
    ConfigTree.merge(tree, flags);

    ServiceConfig config = bind(tree, defaults, problems);
    if (config != null) {
      config.validate("", problems);
      checks.forEach(check -> check.check(config, problems));
    }
    if (secretRequired && config != null && user != null) { // an unreadable file may well hold the secret
      config.auth().validateSecret("auth", problems);
    }
    problems.throwIfAny();
    return config;
  }

  /**
   * Binds the tree to the typed records. Each value the binding refuses is reported, put back to its default (or
   * dropped) and the binding retried, so that every such problem, and the rules of the values that did bind, are
   * reported in one run. Null when nothing could be bound.
   */
  private static ServiceConfig bind(ObjectNode tree, ObjectNode defaults, ConfigProblems problems) {
    Set<String> reported = new HashSet<>();
    // List entries dropped so far, by the list's key: later problems name entries by their index in the file.
    Map<String, TreeSet<Integer>> dropped = new HashMap<>();
    while (true) {
      try {
        return BINDER.treeToValue(tree, ServiceConfig.class);
      } catch (JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String key = "";
        List<String> keyBefore = new ArrayList<>(); // the key of the path up to each reference
        for (JsonMappingException.Reference ref : path) {
          keyBefore.add(key);
          key = ref.getFieldName() != null ? (key.isEmpty() ? "" : key + ".") + ref.getFieldName()
              : key + "[" + indexInFile(dropped.get(key), ref.getIndex()) + "]";
        }
        if (key.isEmpty() || !reported.add(key)) {
          problems.add(key.isEmpty() ? "(root)" : key, "invalid value");
          return null;
        }
        problems.add(key, ProblemText.binding(e, ConfigTree.at(tree, path)));
        int droppedEntry = ConfigTree.resetOrDrop(tree, defaults, path, e instanceof UnrecognizedPropertyException);
        if (droppedEntry >= 0) {
          String list = keyBefore.get(droppedEntry);
          dropped.computeIfAbsent(list, k -> new TreeSet<>())
              .add(indexInFile(dropped.get(list), path.get(droppedEntry).getIndex()));
        }
      } catch (JsonProcessingException e) {
        problems.add("(root)", "invalid value");
        return null;
      }
    }
  }

  private static int indexInFile(TreeSet<Integer> droppedBefore, int index) {
    int original = index;
    if (droppedBefore != null) {
      for (int d : droppedBefore) {
        if (d <= original) {
          original++;
        }
      }
    }
    return original;
  }
}
