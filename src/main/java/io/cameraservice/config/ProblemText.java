package io.cameraservice.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Words the parser's and the binder's errors as one line an operator can act on: the rule broken and where, never
 * a library's class name or a multi-line excerpt (those messages are written for the library's developers).
 */
final class ProblemText {

  private static final String DUPLICATE = "Duplicate field '";

  private ProblemText() {}

  /** A YAML document that cannot be read: a duplicate key (named by its dotted path) or a syntax error. */
  static String yaml(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith(DUPLICATE) && e.getProcessor() instanceof JsonParser parser) {
      return "duplicate key '" + dottedPath(parser.getParsingContext()) + "'" + at(e.getLocation());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
        Mark mark = marked.getProblemMark();
        return "not valid YAML: " + marked.getProblem()
            + (mark != null ? " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "");
      }
    }
    return "not valid YAML" + at(e.getLocation());
  }

  /** A value the typed binding refused; {@code value} is the offending node (printed only when it is a number). */
  static String binding(JsonMappingException e, JsonNode value) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown key";
    }
    if (e.getCause() instanceof InputCoercionException coercion) {
      return outOfRange(coercion.getTargetType(), value);
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      if (value == null || value.isNull() || value.isMissingNode()) {
        return "is required";
      }
      return "must be " + expected(mismatch.getTargetType()) + " (got " + ConfigTree.describe(value) + ")";
    }
    return "invalid value" + (value != null ? " (got " + ConfigTree.describe(value) + ")" : "");
  }

  private static String outOfRange(Class<?> type, JsonNode value) {
    String got = value != null && value.isNumber() ? " (got " + value.asText() + ")" : "";
    if (type == int.class || type == Integer.class) {
      return "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + got;
    }
    if (type == long.class || type == Long.class) {
      return "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + got;
    }
    return "is out of range" + got;
  }

  private static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(Locale.ROOT)).toList());
    }
    return "a mapping"; // records and maps: every section and list entry is one
  }

  private static String dottedPath(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.addFirst(c.getCurrentName());
      } else if (c.inArray()) {
        parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    return String.join(".", parts).replace(".[", "[");
  }

  private static String at(JsonLocation location) {
    return location != null && location.getLineNr() > 0 ? " at line " + location.getLineNr() : "";
  }
}
