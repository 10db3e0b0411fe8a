package io.cameraservice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads from a JSON-RPC answer only what the load generator needs, its {@code id} and, for an error, the error's
 * {@code code}, with Jackson's streaming parser: no tree, no string of the whole frame, and nothing after the point
 * where id and outcome are both known (a result before the id is skipped token by token). The generator's cost per
 * answer is part of what a benchmark on a shared machine measures, so it must stay well below the server's.
 * Mutable and reused for every answer of one connection, hence confined to that connection's event loop.
 */
final class AnswerReader {

  /** What the answer's {@code id} was; the generator's own ids are integers, anything else is not its answer. */
  enum IdKind { INTEGER, STRING, NULL, ABSENT, OTHER }

  /** {@link #errorCode()} of an answer that is no error, or whose error has no integer code. */
  static final int NO_CODE = Integer.MIN_VALUE;

  private static final JsonFactory JSON = new JsonFactory();

  private IdKind idKind;
  private long id;
  private boolean error;
  private int errorCode;

  /**
   * Reads the answer in {@code bytes[0, length)}. Answers false when the frame is JSON but not one answer object
   * (a batch's array, a scalar); then the accessors say nothing. Malformed JSON before the point where reading
   * stops throws.
   */
  boolean read(byte[] bytes, int length) throws IOException {
    idKind = IdKind.ABSENT;
    id = 0;
    error = false;
    errorCode = NO_CODE;
    try (JsonParser parser = JSON.createParser(bytes, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean outcomeKnown = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "id" -> readId(parser, value);
          case "error" -> {
            error = true;
            outcomeKnown = true;
            readErrorCode(parser, value);
          }
          case "result" -> {
            outcomeKnown = true;
            parser.skipChildren();
          }
          default -> parser.skipChildren();
        }
        if (outcomeKnown && idKind != IdKind.ABSENT) {
          return true;
        }
      }
      return true;
    }
  }

  private void readId(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      idKind = IdKind.INTEGER;
      id = parser.getLongValue();
    } else if (value == JsonToken.VALUE_STRING) {
      idKind = IdKind.STRING;
    } else if (value == JsonToken.VALUE_NULL) {
      idKind = IdKind.NULL;
    } else {
      idKind = IdKind.OTHER;
      parser.skipChildren();
    }
  }

  private void readErrorCode(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken member = parser.nextToken();
      if (field.equals("code") && member == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() == JsonParser.NumberType.INT) {
        errorCode = parser.getIntValue();
      } else {
        parser.skipChildren();
      }
    }
  }

  IdKind idKind() {
    return idKind;
  }

  /** The id when {@link #idKind()} is {@link IdKind#INTEGER}. */
  long id() {
    return id;
  }

  boolean error() {
    return error;
  }

  int errorCode() {
    return errorCode;
  }
}
