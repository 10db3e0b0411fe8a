package io.cameraservice.rpc;

import io.cameraservice.domain.Failure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC 2.0 protocol over one text message: size limit, parsing, envelope checks, batches, ids and error
 * objects. Each call passes the {@link CallGate}s, then its parameter schema, then its handler. Knows nothing about
 * what the methods do.
 */
public final class RpcDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

  /**
   * Fractions and exponents are read as {@link java.math.BigDecimal} so that an id such as {@code 1e999} is echoed
   * as the number it was, not as a double's {@code Infinity} (which Jackson would write as a string).
   */
  private static final ObjectMapper READER = DatabindCodec.mapper().copy()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final MethodRegistry registry;
  private final List<CallGate> gates;
  private final RpcObserver observer;
  private final int maxMessageBytes;
  private final int maxBatchSize;
  private final AtomicInteger inFlight = new AtomicInteger();

  public RpcDispatcher(MethodRegistry registry, List<CallGate> gates, RpcObserver observer, int maxMessageBytes,
      int maxBatchSize) {
    this.registry = registry;
    this.gates = List.copyOf(gates);
    this.observer = observer;
    this.maxMessageBytes = maxMessageBytes;
    this.maxBatchSize = maxBatchSize;
  }

  /**
   * Handles one text message from {@code connection}; answers (if any) go to {@link RpcConnection#send}. The future
   * completes (never fails) once the message is done with and its answer, if any, sent: the connection may stop
   * reading new messages while too many are in progress.
   */
  public Future<Void> dispatch(RpcConnection connection, String text) {
    if (exceedsLimit(text)) {
      reject(connection, RpcError.invalidRequest("message_too_large").with("limit_bytes", maxMessageBytes));
      return Future.succeededFuture();
    }
    Object message;
    try {
      message = wrap(READER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      reject(connection, RpcError.parseError());
      return Future.succeededFuture();
    }
    if (message instanceof JsonArray) {
      return dispatchBatch(connection, (JsonArray) message);
    }
    return handle(connection, message).map(answer -> {
      if (answer != null) {
        connection.send(answer);
      }
      return null;
    });
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object decoded) {
    if (decoded instanceof Map) {
      return new JsonObject((Map<String, Object>) decoded);
    }
    return decoded instanceof List ? new JsonArray((List<Object>) decoded) : decoded;
  }

  /** Answers a binary frame: JSON-RPC travels in text frames only. */
  public void rejectBinaryFrame(RpcConnection connection) {
    reject(connection, RpcError.invalidRequest("binary_frames_not_supported"));
  }

  /** Answers a frame that cannot be read as a call at all. */
  private void reject(RpcConnection connection, RpcError error) {
    observer.rejectedFrame(error.code());
    connection.send(RpcMessages.error(null, error));
  }

  /** Calls started and not yet answered, across all connections. */
  public int inFlight() {
    return inFlight.get();
  }

  private Future<Void> dispatchBatch(RpcConnection connection, JsonArray batch) {
    if (batch.isEmpty()) {
      reject(connection, RpcError.invalidRequest("empty_batch"));
      return Future.succeededFuture();
    }
    if (batch.size() > maxBatchSize) {
      reject(connection, RpcError.invalidRequest("batch_too_large").with("limit", maxBatchSize));
      return Future.succeededFuture();
    }
    List<Future<String>> answers = new ArrayList<>(batch.size());
    for (Object member : batch) {
      answers.add(handle(connection, member));
    }
    return Future.join(answers).transform(done -> {
      StringBuilder out = new StringBuilder(64 * answers.size()).append('[');
      for (Future<String> answer : answers) {
        if (answer.result() != null) {
          out.append(out.length() > 1 ? "," : "").append(answer.result());
        }
      }
      if (out.length() > 1) {
        connection.send(out.append(']').toString());
      }
      return Future.succeededFuture();
    });
  }

  /** Runs one request; the future holds its encoded answer, or null for a notification. Never fails. */
  private Future<String> handle(RpcConnection connection, Object message) {
    if (!(message instanceof JsonObject)) {
      return invalid(null, RpcError.invalidRequest("not_a_request_object"));
    }
    JsonObject request = (JsonObject) message;
    boolean notification = !request.containsKey("id");
    Object id = request.getValue("id");
    if (id != null && !(id instanceof String) && !(id instanceof Number)) {
      return invalid(null, RpcError.invalidRequest("invalid_id"));
    }
    if (!"2.0".equals(request.getValue("jsonrpc"))) {
      return invalid(id, RpcError.invalidRequest("invalid_jsonrpc_version"));
    }
    Object methodValue = request.getValue("method");
    if (!(methodValue instanceof String)) {
      return invalid(id, RpcError.invalidRequest(methodValue == null ? "missing_method" : "invalid_method"));
    }
    String method = (String) methodValue;
    long started = System.nanoTime();
    inFlight.incrementAndGet();
    Future<Object> outcome;
    MethodSpec spec = registry.find(method);
    try {
      outcome = invoke(connection, request, method, spec);
    } catch (RuntimeException e) { // a Failure or RpcException (a refusal) or a handler's bug; toError tells them apart
      outcome = Future.failedFuture(e);
    }
    return outcome.transform(done -> {
      inFlight.decrementAndGet();
      RpcError error = done.failed() ? toError(method, done.cause()) : null;
      observer.completed(spec == null ? null : method, error == null ? null : error.code(), limitScope(error),
          System.nanoTime() - started);
      if (notification) {
        return Future.succeededFuture(null);
      }
      return Future.succeededFuture(error == null ? encodeResult(method, id, done.result())
          : RpcMessages.error(id, error));
    });
  }

  @SuppressWarnings("unchecked")
  private Future<Object> invoke(RpcConnection connection, JsonObject request, String method, MethodSpec spec) {
    for (CallGate gate : gates) {
      Failure refusal = gate.check(connection, method, spec);
      if (refusal != null) {
        return Future.failedFuture(refusal);
      }
    }
    if (spec == null) {
      return Future.failedFuture(RpcError.methodNotFound(method).exception());
    }
    Object rawParams = request.getValue("params");
    if (rawParams != null && !(rawParams instanceof JsonObject)) {
      return Future.failedFuture(RpcError.invalidParams(
          rawParams instanceof JsonArray ? "positional_params" : "wrong_type", "params",
          "must be an object of named parameters").exception());
    }
    Params params = spec.params().validate((JsonObject) rawParams);
    Future<?> result = spec.handler().handle(new Call(method, params, connection, connection.caller()));
    if (result == null) {
      return Future.failedFuture(new IllegalStateException("handler of " + method + " returned no future"));
    }
    return (Future<Object>) result;
  }

  private static String encodeResult(String method, Object id, Object result) {
    try {
      return RpcMessages.result(id, result);
    } catch (RuntimeException e) {
      LOG.error("result of {} cannot be encoded as JSON", method, e);
      return RpcMessages.error(id, RpcError.internal());
    }
  }

  private static RpcError toError(String method, Throwable cause) {
    if (cause instanceof RpcException) {
      return ((RpcException) cause).error();
    }
    if (cause instanceof Failure) {
      return RpcError.of((Failure) cause);
    }
    LOG.error("method {} failed", method, cause);
    return RpcError.internal();
  }

  private static String limitScope(RpcError error) {
    return error != null && error.code() == ErrorCode.RATE_LIMITED ? error.data().getString("scope") : null;
  }

  private Future<String> invalid(Object id, RpcError error) {
    observer.rejectedFrame(error.code());
    return Future.succeededFuture(RpcMessages.error(id, error));
  }

  /** Byte length in UTF-8, computed only when the character count alone cannot decide. */
  private boolean exceedsLimit(String text) {
    int chars = text.length();
    if (chars > maxMessageBytes) {
      return true;
    }
    if ((long) chars * 3 <= maxMessageBytes) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes > maxMessageBytes;
  }
}
