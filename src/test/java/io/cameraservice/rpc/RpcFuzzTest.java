package io.cameraservice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the whole JSON-RPC surface against one real service over one admin socket: random
 * envelopes, and calls of every registered method with parameters generated from its own schema (mostly well-typed,
 * some hostile). Whatever is sent, no answer is -32603, every answer comes within a second, and every valid id is
 * echoed with its JSON type (an invalid one gets -32600 with id null).
 *
 * <p>Excluded methods, and why: {@code authenticate} (replaces the admin session this test needs; the lockout has
 * its own tests), {@code discover_external_streams} and {@code add_external_stream} (they probe network addresses
 * with real timeouts, so an answer legitimately takes seconds). The service has no cameras, so camera methods
 * (recordings, snapshots, streams) run their handlers up to "camera not found" without starting ffmpeg.
 */
class RpcFuzzTest {

  private static final Set<String> EXCLUDED = Set.of("authenticate", "discover_external_streams",
      "add_external_stream");
  // Non-ASCII is sent escaped, so that a lone surrogate reaches the service as \\ud800 (raw, the WebSocket's UTF-8
  // encoding would turn it into '?').
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final long ANSWER_WITHIN_MS = 1_000;

  private static Path dir;
  private static TestService service;
  private static RpcClient admin;
  private static List<MethodSpec> methods;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("camera-fuzz-");
    service = TestService.start(dir, tree -> {
      tree.with("cameras").with("v4l2").put("enabled", false);
      ObjectNode rates = tree.with("limits").with("rates");
      for (String rateClass : new String[] {"status", "control", "file", "admin"}) {
        // The fuzz wants the handlers to run, not the rate limiter to answer.
        rates.putObject(rateClass).put("per_second", 100_000).put("burst", 100_000);
      }
    });
    admin = service.connect(Role.ADMIN);
    methods = service.methods().all().stream().filter(m -> !EXCLUDED.contains(m.name()))
        .sorted(Comparator.comparing(MethodSpec::name)).toList();
  }

  @AfterContainer
  static void stop() throws Exception {
    admin.close();
    service.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 3_000, shrinking = ShrinkingMode.OFF)
  void anyEnvelopeGetsAPreciseTimelyAnswer(@ForAll("envelopes") ObjectNode envelope) throws Exception {
    check(envelope);
  }

  @Property(tries = 7_000, shrinking = ShrinkingMode.OFF)
  void everyMethodWithSchemaDrivenParams(@ForAll("calls") ObjectNode call) throws Exception {
    check(call);
  }

  private static void check(ObjectNode request) throws Exception {
    String frame = JSON.writeValueAsString(request);
    admin.send(frame);
    String text = admin.nextText(ANSWER_WITHIN_MS);
    assertThat(text).as("an answer within %d ms to %s", ANSWER_WITHIN_MS, frame).isNotNull();
    JsonNode answer = JSON.readTree(text);
    JsonNode error = answer.get("error");
    if (error != null) {
      assertThat(error.get("code").asInt()).as("answer to %s: %s", frame, text).isNotEqualTo(-32603);
    }
    JsonNode sent = request.get("id");
    JsonNode echoed = answer.get("id");
    if (sent.isTextual() || sent.isNumber() || sent.isNull()) {
      if (error == null || error.get("code").asInt() != -32600 || !echoed.isNull()) {
        assertThat(echoed.getNodeType()).as("id type of %s in %s", frame, text).isEqualTo(sent.getNodeType());
        if (sent.isNumber()) {
          assertThat(echoed.decimalValue()).as("id of %s in %s", frame, text).isEqualByComparingTo(sent.decimalValue());
        } else {
          assertThat(echoed).as("id of %s in %s", frame, text).isEqualTo(sent);
        }
      }
    } else {
      assertThat(error.get("code").asInt()).as(text).isEqualTo(-32600);
      assertThat(echoed.isNull()).as(text).isTrue();
    }
  }

  @Provide
  Arbitrary<ObjectNode> envelopes() {
    Arbitrary<JsonNode> version = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(NODES.textNode("2.0"))),
        Tuple.of(1, anyJson(1)));
    Arbitrary<JsonNode> method = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(methodNames()).map(NODES::textNode)),
        Tuple.of(1, strings().map(NODES::textNode)),
        Tuple.of(1, anyJson(1)));
    return Combinators.combine(ids(), version, method, anyJson(2), Arbitraries.integers().between(0, 15))
        .as((id, v, m, params, omit) -> {
          ObjectNode envelope = NODES.objectNode();
          envelope.set("id", id);
          if ((omit & 1) == 0) {
            envelope.set("jsonrpc", v);
          }
          if ((omit & 2) == 0) {
            envelope.set("method", m);
          }
          if ((omit & 4) == 0) {
            envelope.set("params", params);
          }
          if ((omit & 8) != 0) {
            envelope.put("extra", "member");
          }
          return envelope;
        });
  }

  @Provide
  Arbitrary<ObjectNode> calls() {
    return Arbitraries.of(methods).flatMap(spec -> Combinators.combine(ids(), params(spec))
        .as((id, params) -> {
          ObjectNode call = NODES.objectNode().put("jsonrpc", "2.0").put("method", spec.name());
          call.set("id", id);
          if (params != null) {
            call.set("params", params);
          }
          return call;
        }));
  }

  private List<String> methodNames() {
    List<String> names = new ArrayList<>();
    methods.forEach(m -> names.add(m.name()));
    return names;
  }

  /** Valid ids of every kind (including numbers no double holds), and some invalid ones. */
  private static Arbitrary<JsonNode> ids() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i))),
        Tuple.of(1, Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l))),
        // Well-formed only: an answer is UTF-8, which cannot carry a lone surrogate back.
        Tuple.of(2, strings().filter(RpcFuzzTest::isWellFormed).map(s -> (JsonNode) NODES.textNode(s))),
        Tuple.of(1, Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(BigDecimal.valueOf(d)))),
        Tuple.of(1, Arbitraries.of("1e999", "-1.5e-400", "123456789012345678901234567890", "0.0",
            "-0", "1E+2").map(t -> (JsonNode) (t.matches("-?\\d+") ? NODES.numberNode(new BigInteger(t))
                : NODES.numberNode(new BigDecimal(t))))),
        Tuple.of(1, Arbitraries.just((JsonNode) NODES.nullNode())),
        Tuple.of(1, Arbitraries.of((JsonNode) NODES.booleanNode(true), NODES.objectNode(),
            NODES.arrayNode().add(1))));
  }

  /** A params object for {@code spec}: each declared parameter present or not, mostly of its type. */
  private static Arbitrary<JsonNode> params(MethodSpec spec) {
    List<Param> declared = new ArrayList<>(spec.params().params());
    if (declared.isEmpty()) {
      return Arbitraries.frequencyOf(
          Tuple.of(3, Arbitraries.just((JsonNode) null)),
          Tuple.of(1, anyJson(2)));
    }
    List<Arbitrary<JsonNode>> values = new ArrayList<>();
    for (Param param : declared) {
      values.add(Arbitraries.frequencyOf(
          Tuple.of(2, Arbitraries.just((JsonNode) null)),
          Tuple.of(6, typed(param)),
          Tuple.of(1, anyJson(2))));
    }
    return Combinators.combine(values).as(list -> {
      ObjectNode params = NODES.objectNode();
      for (int i = 0; i < declared.size(); i++) {
        if (list.get(i) != null) {
          params.set(declared.get(i).name(), list.get(i));
        }
      }
      return (JsonNode) params;
    }).injectDuplicates(0.0).edgeCases(e -> e.add(NODES.objectNode().put("unknown_param", 1)));
  }

  private static Arbitrary<JsonNode> typed(Param param) {
    return switch (param.type()) {
      case STRING -> param.allowedValues() != null
          ? Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(param.allowedValues())),
              Tuple.of(1, strings())).map(NODES::textNode)
          : strings().map(NODES::textNode);
      case INTEGER -> Arbitraries.frequencyOf(
          Tuple.of(3, Arbitraries.integers().between(-5, 100).map(i -> (long) i)),
          Tuple.of(1, Arbitraries.longs()),
          Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)))
          .map(l -> (JsonNode) NODES.numberNode(l));
      case NUMBER -> Arbitraries.frequencyOf(
          Tuple.of(4, Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d))),
          Tuple.of(1, Arbitraries.of("1e999", "-1e999", "1e-999")
              .map(t -> (JsonNode) NODES.numberNode(new BigDecimal(t)))));
      case BOOLEAN -> Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b));
      case OBJECT -> anyObject(2);
      case STRING_LIST -> Arbitraries.frequencyOf(
          Tuple.of(2, Arbitraries.of("*", "camera.*", "recording.*", "system.*", "camera.connected",
              "recording.start", "system.alert", "system.health")),
          Tuple.of(1, strings()))
          .list().ofMaxSize(5).map(l -> {
            ArrayNode array = NODES.arrayNode();
            l.forEach(array::add);
            return (JsonNode) array;
          });
      case TIMESTAMP -> Arbitraries.frequencyOf(
          Tuple.of(3, Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
              .map(s -> Instant.ofEpochSecond(s).toString())),
          Tuple.of(1, Arbitraries.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
              "2026-02-30T00:00:00Z", "2026-01-01T00:00:00+18:00", "2026-01-01", "now")),
          Tuple.of(1, strings()))
          .map(NODES::textNode);
    };
  }

  private static boolean isWellFormed(String s) {
    return s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
  }

  /** Strings with the awkward cases mixed in: empty, huge, paths, lone surrogates, control characters. */
  private static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(2, Arbitraries.of("", "camera0", "camera100", "rtsp://127.0.0.1:1/x", "../etc/passwd",
            "a/b.jpg", "\ud800", "x\udc00y.mp4", "\u0000", "snap.jpg", "rec.mp4", "rec", ".", "..", " ")),
        Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(200).ofMaxLength(9000)));
  }

  private static Arbitrary<JsonNode> anyJson(int depth) {
    List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>(List.of(
        Tuple.of(2, strings().map(s -> (JsonNode) NODES.textNode(s))),
        Tuple.of(2, Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l))),
        Tuple.of(1, Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d))),
        Tuple.of(1, Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b))),
        Tuple.of(1, Arbitraries.just((JsonNode) NODES.nullNode()))));
    if (depth > 0) {
      choices.add(Tuple.of(1, anyObject(depth - 1)));
      choices.add(Tuple.of(1, anyJson(depth - 1).list().ofMaxSize(4).map(l -> {
        ArrayNode array = NODES.arrayNode();
        l.forEach(array::add);
        return (JsonNode) array;
      })));
    }
    return Arbitraries.frequencyOf(choices);
  }

  private static Arbitrary<JsonNode> anyObject(int depth) {
    return Combinators.combine(Arbitraries.of("device", "filename", "topics", "limit", "x", "name").list()
        .ofMaxSize(3).uniqueElements(), anyJson(depth).list().ofSize(3)).as((keys, values) -> {
          ObjectNode object = NODES.objectNode();
          for (int i = 0; i < keys.size(); i++) {
            object.set(keys.get(i), values.get(i));
          }
          return (JsonNode) object;
        });
  }
}
