package io.cameraservice.rpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One named parameter of a method: its type, whether it is required, its default and its rules. Validation turns a
 * raw JSON value into a typed Java value or a -32602 error naming the parameter and the rule it broke.
 */
public final class Param {

  enum Type {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    OBJECT("an object"),
    STRING_LIST("a list of strings"),
    TIMESTAMP("an RFC 3339 timestamp string");

    final String description;

    Type(String description) {
      this.description = description;
    }
  }

  private final String name;
  private final Type type;
  private String description;
  private boolean required;
  private Object defaultValue;
  private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private long min = Long.MIN_VALUE;
  private long max = Long.MAX_VALUE;
  private double minNumber = Double.NEGATIVE_INFINITY;
  private double maxNumber = Double.POSITIVE_INFINITY;
  private Set<String> allowed;
  private List<String> allowedOrder;
  private Pattern pattern;
  private int maxLength = Integer.MAX_VALUE;
  private final List<Function<Object, String>> checks = new ArrayList<>();

  private Param(String name, Type type) {
    this.name = name;
    this.type = type;
  }

  public static Param string(String name) {
    return new Param(name, Type.STRING);
  }

  public static Param integer(String name) {
    return new Param(name, Type.INTEGER);
  }

  public static Param number(String name) {
    return new Param(name, Type.NUMBER);
  }

  public static Param bool(String name) {
    return new Param(name, Type.BOOLEAN);
  }

  public static Param object(String name) {
    return new Param(name, Type.OBJECT);
  }

  public static Param stringList(String name) {
    return new Param(name, Type.STRING_LIST);
  }

  public static Param timestamp(String name) {
    return new Param(name, Type.TIMESTAMP);
  }

  /** What the parameter means, in a few words, for the published reference. */
  public Param about(String text) {
    this.description = text;
    return this;
  }

  public Param required() {
    this.required = true;
    return this;
  }

  public Param defaultValue(Object value) {
    this.defaultValue = value;
    return this;
  }

  /** Inclusive bounds for integers. */
  public Param range(long minimum, long maximum) {
    this.min = minimum;
    this.max = maximum;
    return this;
  }

  /** Inclusive bounds for numbers. */
  public Param range(double minimum, double maximum) {
    this.minNumber = minimum;
    this.maxNumber = maximum;
    return this;
  }

  public Param oneOf(String... values) {
    this.allowed = Set.of(values);
    this.allowedOrder = List.of(values);
    return this;
  }

  public Param pattern(String regex) {
    this.pattern = Pattern.compile(regex);
    return this;
  }

  public Param maxLength(int length) {
    this.maxLength = length;
    return this;
  }

  /**
   * A further rule on the typed value; the function answers null when the value is fine, otherwise the rule it
   * breaks (reported with reason {@code invalid_value}).
   */
  public Param check(Function<Object, String> rule) {
    checks.add(rule);
    return this;
  }

  public String name() {
    return name;
  }

  Type type() {
    return type;
  }

  String description() {
    return description;
  }

  /**
   * The JSON schema of the values this parameter accepts, as far as JSON Schema can say it; the rules of
   * {@link #check} are left to {@link #description()}.
   */
  JsonObject jsonSchema() {
    JsonObject schema = new JsonObject();
    switch (type) {
      case STRING -> schema.put("type", "string");
      case INTEGER -> schema.put("type", "integer");
      case NUMBER -> schema.put("type", "number");
      case BOOLEAN -> schema.put("type", "boolean");
      case OBJECT -> schema.put("type", "object");
      case STRING_LIST -> schema.put("type", "array").put("items", new JsonObject().put("type", "string"));
      case TIMESTAMP -> schema.put("type", "string").put("format", "date-time");
      default -> throw new IllegalStateException(type.name());
    }
    if (allowed != null) {
      schema.put("enum", new JsonArray(allowedOrder));
    }
    if (pattern != null) {
      schema.put("pattern", pattern.pattern());
    }
    if (maxLength != Integer.MAX_VALUE) {
      schema.put("maxLength", maxLength);
    }
    if (type == Type.INTEGER) {
      putBound(schema, "minimum", min, Long.MIN_VALUE);
      putBound(schema, "maximum", max, Long.MAX_VALUE);
    }
    if (type == Type.NUMBER) {
      if (minNumber != Double.NEGATIVE_INFINITY) {
        schema.put("minimum", minNumber);
      }
      if (maxNumber != Double.POSITIVE_INFINITY) {
        schema.put("maximum", maxNumber);
      }
    }
    if (defaultValue != null) {
      schema.put("default", defaultValue);
    }
    return schema;
  }

  /** The -32602 reasons {@link #validate} and a missing value can answer for this parameter. */
  List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    if (required) {
      reasons.add("missing_param");
    }
    reasons.add("wrong_type");
    boolean ranged = type == Type.TIMESTAMP || type == Type.NUMBER
        || (type == Type.INTEGER && (min != Long.MIN_VALUE || max != Long.MAX_VALUE));
    if (ranged) {
      reasons.add("out_of_range");
    }
    if (type == Type.STRING || type == Type.TIMESTAMP || !checks.isEmpty()) {
      reasons.add("invalid_value");
    }
    return reasons;
  }

  private static void putBound(JsonObject schema, String key, long bound, long none) {
    if (bound != none) {
      schema.put(key, bound);
    }
  }

  /** The allowed values of a {@link #oneOf} string, else null. */
  List<String> allowedValues() {
    return allowed == null ? null : allowedOrder;
  }

  boolean isRequired() {
    return required;
  }

  Object defaultValue() {
    return defaultValue;
  }

  /** Returns the typed value or throws the -32602 error for it. */
  Object validate(Object raw) {
    Object value = typed(raw);
    if (value instanceof Long) {
      long v = (Long) value;
      if (v < min || v > max) {
        throw fail("out_of_range", "must be between " + min + " and " + max);
      }
    }
    if (value instanceof Double) {
      double v = (Double) value;
      if (v < minNumber || v > maxNumber || Double.isNaN(v)) {
        throw fail("out_of_range", "must be between " + minNumber + " and " + maxNumber);
      }
    }
    if (value instanceof String) {
      String s = (String) value;
      if (allowed != null && !allowed.contains(s)) {
        throw fail("invalid_value", "must be one of " + String.join(", ", allowedOrder));
      }
      if (s.length() > maxLength) {
        throw fail("invalid_value", "must be at most " + maxLength + " characters");
      }
      if (pattern != null && !pattern.matcher(s).matches()) {
        throw fail("invalid_value", "must match " + pattern.pattern());
      }
    }
    for (Function<Object, String> check : checks) {
      String broken = check.apply(value);
      if (broken != null) {
        throw fail("invalid_value", broken);
      }
    }
    return value;
  }

  private Object typed(Object raw) {
    switch (type) {
      case STRING:
        if (raw instanceof String) {
          if (!isWellFormed((String) raw)) {
            throw fail("invalid_value", "must be valid Unicode text (no unpaired surrogates)");
          }
          return raw;
        }
        break;
      case INTEGER:
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
          return ((Number) raw).longValue();
        }
        break;
      case NUMBER:
        if (raw instanceof Number) {
          return ((Number) raw).doubleValue();
        }
        break;
      case BOOLEAN:
        if (raw instanceof Boolean) {
          return raw;
        }
        break;
      case OBJECT:
        if (raw instanceof JsonObject) {
          return raw;
        }
        break;
      case STRING_LIST:
        if (raw instanceof JsonArray) {
          List<String> list = new ArrayList<>();
          for (Object item : (JsonArray) raw) {
            if (!(item instanceof String)) {
              throw fail("wrong_type", "must be " + type.description);
            }
            list.add((String) item);
          }
          return List.copyOf(list);
        }
        break;
      case TIMESTAMP:
        if (raw instanceof String) {
          Instant instant;
          try {
            instant = OffsetDateTime.parse((String) raw).toInstant();
          } catch (DateTimeParseException e) {
            throw fail("invalid_value", "must be " + type.description);
          }
          // RFC 3339 has four-digit years; wider ones (+999999999-...) would overflow epoch milliseconds later.
          if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw fail("out_of_range", "must be between years 0000 and 9999");
          }
          return instant;
        }
        break;
      default:
        break;
    }
    throw fail("wrong_type", "must be " + type.description);
  }

  /** JSON allows {@code "\\ud800"}, but such a string cannot be encoded as UTF-8 (file names, the database). */
  private static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  RpcException fail(String reason, String rule) {
    return RpcError.invalidParams(reason, name, rule).exception();
  }
}
