package io.cameraservice.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw configuration document: built-in defaults, a user file and environment overrides merged into one tree.
 * The defaults define the shape: a key they do not contain is unknown, and a value must have the type of its default.
 * An empty mapping in the defaults ({@code {}}) is an open map whose entries the typed binding checks.
 */
final class ConfigTree {

  static final String ENV_PREFIX = "CAMERA_SERVICE_";
  // A repeated key would otherwise silently replace the first (a whole section, when the key is a section's name).
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private ConfigTree() {}

  static ObjectNode defaults() {
    try (InputStream in = ConfigTree.class.getResourceAsStream("/defaults.yaml")) {
      if (in == null) {
        throw new IllegalStateException("defaults.yaml missing from the class path");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a user file; problems (missing, unreadable, not YAML, not a mapping) are reported, never thrown. Null when
   * the file could not be read at all.
   */
  static ObjectNode readFile(Path file, ConfigProblems problems) {
    String name = file.toString();
    try {
      JsonNode node = YAML.readTree(Files.readAllBytes(file));
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        problems.add(name, "must be a YAML mapping of settings (got " + describe(node) + ")");
        return null;
      }
      return (ObjectNode) node;
    } catch (NoSuchFileException e) {
      problems.add(name, "file not found");
    } catch (JsonProcessingException e) {
      problems.add(name, ProblemText.yaml(e));
    } catch (IOException e) {
      problems.add(name, "cannot be read: " + (e instanceof AccessDeniedException ? "permission denied"
          : e.getMessage()));
    }
    return null;
  }

  /**
   * Reports unknown keys and values whose type differs from the default's, and removes them from {@code given} so
   * that the rest can still be bound and checked: one run reports every problem of a file.
   */
  static void checkShape(JsonNode defaults, ObjectNode given, String path, ConfigProblems problems) {
    if (defaults.isEmpty()) {
      return; // open map, entries are checked when bound
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      JsonNode def = defaults.get(entry.getKey());
      JsonNode value = entry.getValue();
      if (def == null) {
        problems.add(key, "unknown key");
        it.remove();
      } else if (def.isObject() && value instanceof ObjectNode section) {
        checkShape(def, section, key, problems);
      } else if (expectedType(def) != null && !hasType(value, def)) {
        problems.add(key, "must be " + expectedType(def) + " (got " + describe(value) + ")");
        it.remove();
      }
    }
  }

  /** Deep-merges {@code overlay} into {@code target}; mappings merge key by key, everything else is replaced. */
  static void merge(ObjectNode target, JsonNode overlay) {
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode existing = target.get(entry.getKey());
      if (existing instanceof ObjectNode && entry.getValue().isObject()) {
        merge((ObjectNode) existing, entry.getValue());
      } else {
        target.set(entry.getKey(), entry.getValue().deepCopy());
      }
    }
  }

  /** Applies {@code CAMERA_SERVICE_*} variables; each must name a key of the defaults. */
  static void applyEnvironment(ObjectNode tree, ObjectNode defaults, Map<String, String> env,
      ConfigProblems problems) {
    Map<String, String> variables = new LinkedHashMap<>();
    collectVariables(defaults, "", variables);
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith(ENV_PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          String path = variables.get(e.getKey());
          if (path == null) {
            problems.add(e.getKey(), "unknown setting (no configuration key maps to this variable)");
            return;
          }
          JsonNode value = parseEnvValue(at(defaults, path), e.getValue(), e.getKey(), problems);
          if (value != null) {
            setAt(tree, path, value);
          }
        });
  }

  static String variableFor(String path) {
    return ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void collectVariables(JsonNode node, String path, Map<String, String> out) {
    if (node.isObject() && !node.isEmpty()) {
      node.fields().forEachRemaining(e ->
          collectVariables(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
    } else {
      out.put(variableFor(path), path);
    }
  }

  private static JsonNode parseEnvValue(JsonNode def, String raw, String variable, ConfigProblems problems) {
    String text = raw.trim();
    try {
      switch (def.getNodeType()) {
        case NUMBER:
          return def.isIntegralNumber() ? LongNode.valueOf(Long.parseLong(text)) : DoubleNode.valueOf(
              Double.parseDouble(text));
        case BOOLEAN:
          if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
          }
          problems.add(variable, "must be true or false");
          return null;
        case OBJECT:
        case ARRAY:
          JsonNode parsed = YAML.readTree(text);
          if (parsed == null || parsed.getNodeType() != def.getNodeType()) {
            problems.add(variable, "must be " + expectedType(def) + " in YAML flow syntax");
            return null;
          }
          return parsed;
        default:
          return TextNode.valueOf(raw);
      }
    } catch (NumberFormatException e) {
      problems.add(variable, "must be " + (text.matches("[-+]?[0-9]+")
          ? "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + " (got " + text + ")"
          : expectedType(def)));
    } catch (JsonProcessingException e) {
      problems.add(variable, ProblemText.yaml(e));
    }
    return null;
  }

  /** The node a binding error points at; null when the path leads nowhere. */
  static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
    JsonNode node = root;
    for (JsonMappingException.Reference ref : path) {
      node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /**
   * Takes a refused value out of the tree so the binding can go on: a key of the defaults gets its default back; an
   * unknown key is dropped; otherwise the list entry holding the value (or the map entry itself) is dropped.
   * Answers the position in {@code path} of the list entry dropped, or -1 when none was.
   */
  static int resetOrDrop(ObjectNode tree, ObjectNode defaults, List<JsonMappingException.Reference> path,
      boolean unknownKey) {
    int last = path.size() - 1;
    if (!unknownKey) {
      JsonNode def = at(defaults, path);
      int firstIndex = 0;
      while (firstIndex < path.size() && path.get(firstIndex).getFieldName() != null) {
        firstIndex++;
      }
      if (def != null) {
        ((ObjectNode) at(tree, path.subList(0, last))).set(path.get(last).getFieldName(), def.deepCopy());
        return -1;
      }
      if (firstIndex < path.size()) {
        last = firstIndex; // drop the whole list entry: its other fields may depend on the refused one
      }
    }
    JsonNode parent = at(tree, path.subList(0, last));
    JsonMappingException.Reference ref = path.get(last);
    if (parent instanceof ObjectNode object) {
      object.remove(ref.getFieldName());
    } else if (parent instanceof ArrayNode array) {
      array.remove(ref.getIndex());
      return last;
    }
    return -1;
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static void setAt(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  private static boolean hasType(JsonNode given, JsonNode def) {
    if (def.isIntegralNumber()) {
      return given.isIntegralNumber(); // the binding knows the target's range and names it
    }
    if (def.isNumber()) {
      return given.isNumber();
    }
    return given.getNodeType() == def.getNodeType();
  }

  /** Null when any scalar is accepted (the default is null, the binding decides). */
  private static String expectedType(JsonNode def) {
    if (def.isIntegralNumber()) {
      return "an integer";
    }
    if (def.isNumber()) {
      return "a number";
    }
    if (def.isBoolean()) {
      return "true or false";
    }
    if (def.isTextual()) {
      return "a string";
    }
    if (def.isArray()) {
      return "a list";
    }
    if (def.isObject()) {
      return "a mapping";
    }
    return null;
  }

  static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case NULL:
        return "nothing";
      case OBJECT:
        return "a mapping";
      case ARRAY:
        return "a list";
      case STRING:
        return "a string";
      case BOOLEAN:
        return node.asText();
      default:
        return node.isIntegralNumber() ? "an integer" : type.name().toLowerCase(Locale.ROOT);
    }
  }
}
