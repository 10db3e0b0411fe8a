package io.cameraservice.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cameraservice.auth.Role;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.SharedService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenRPC document is valid against the published meta-schema, complete, and only for authenticated callers. */
class ApiReferenceTest {

  @RegisterExtension
  static final SharedService SERVICE = new SharedService();

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The dialect the OpenRPC meta-schema names for its JSON Schema objects (test resource, see its README). */
  private static final String JSON_SCHEMA_TOOLS = "https://meta.json-schema.tools";

  @Test
  void theDocumentIsValidOpenRpcAndListsEveryRegisteredMethod() throws Exception {
    HttpResponse<byte[]> answer = Http.fetch(SERVICE.get().port(), ApiReference.PATH,
        "Authorization", "Bearer " + SERVICE.get().token(Role.VIEWER));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode document = JSON.readTree(answer.body());

    List<Error> errors = metaSchema().validate(document);
    assertThat(errors).as("OpenRPC meta-schema violations").isEmpty();

    List<String> documented = names(new JsonObject(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
        .getJsonArray("methods"));
    List<String> registered = SERVICE.get().methods().all().stream().map(MethodSpec::name).toList();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(registered).contains("rpc.discover", "ping");
  }

  @Test
  void theMetaSchemaCatchesABrokenDocument() throws Exception {
    // The validation above can fail: without info, or with a parameter schema that is no JSON schema.
    ObjectNode withoutInfo = (ObjectNode) JSON.readTree(discover(Role.VIEWER).encode());
    withoutInfo.remove("info");
    assertThat(metaSchema().validate(withoutInfo)).isNotEmpty();
    ObjectNode badParam = (ObjectNode) JSON.readTree(discover(Role.VIEWER).encode());
    badParam.withArray("methods").forEach(m -> m.withArray("params")
        .forEach(p -> ((ObjectNode) p.get("schema")).put("type", "camera")));
    assertThat(metaSchema().validate(badParam)).isNotEmpty();
  }

  @Test
  void eachMethodCarriesItsRoleRateClassParamsAndErrors() {
    JsonObject document = discover(Role.VIEWER);
    assertThat(document.getString("openrpc")).isEqualTo("1.3.2");
    assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Camera Service");
    JsonObject start = method(document, "start_recording");
    assertThat(start.getString("x-role")).isEqualTo("operator");
    assertThat(start.getString("x-rate-class")).isEqualTo("control");
    assertThat(names(start.getJsonArray("params"))).containsExactly("device", "duration", "format");
    assertThat(start.getJsonArray("params").getJsonObject(0).getJsonObject("schema").getString("pattern"))
        .isEqualTo("^camera[0-9]+$");
    assertThat(reasons(start)).contains("camera_not_found", "already_recording", "below_free_space_floor",
        "auth_required", "insufficient_role", "missing_param");
    assertThat(method(document, "ping").getString("x-role")).isEqualTo("none");
    assertThat(reasons(method(document, "ping"))).doesNotContain("auth_required");
    JsonArray notifications = document.getJsonArray("x-notifications");
    JsonObject alert = notifications.stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("method").equals("system_alert")).findFirst().orElseThrow();
    assertThat(alert.getJsonArray("topics")).containsExactly("system.alert");
    assertThat(alert.getString("x-role")).isEqualTo("admin");
  }

  @Test
  void rpcDiscoverAnswersTheSameDocumentToAnyRole() throws Exception {
    HttpResponse<byte[]> answer = Http.fetch(SERVICE.get().port(), ApiReference.PATH,
        "X-API-Key", "csk_not_a_key");
    assertThat(answer.statusCode()).isEqualTo(403);
    JsonNode overHttp = JSON.readTree(Http.fetch(SERVICE.get().port(), ApiReference.PATH,
        "Authorization", "Bearer " + SERVICE.get().token(Role.ADMIN)).body());
    for (Role role : Role.values()) {
      assertThat(JSON.readTree(discover(role).encode())).as(role.wireName()).isEqualTo(overHttp);
    }
  }

  @Test
  void unauthenticatedCallersAreRefused() {
    assertThat(Http.fetch(SERVICE.get().port(), ApiReference.PATH).statusCode()).isEqualTo(401);
    try (RpcClient anonymous = SERVICE.get().connect()) {
      JsonObject error = anonymous.call("rpc.discover").getJsonObject("error");
      assertThat(error.getInteger("code")).isEqualTo(-32001);
      assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("auth_required");
    }
  }

  private static JsonObject discover(Role role) {
    try (RpcClient client = SERVICE.get().connect(role)) {
      return client.result("rpc.discover", new JsonObject());
    }
  }

  private static JsonObject method(JsonObject document, String name) {
    return document.getJsonArray("methods").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("name").equals(name)).findFirst().orElseThrow();
  }

  private static List<String> reasons(JsonObject method) {
    JsonArray errors = method.getJsonArray("errors");
    return IntStream.range(0, errors.size())
        .mapToObj(i -> errors.getJsonObject(i).getJsonObject("data").getString("reason")).toList();
  }

  private static List<String> names(JsonArray objects) {
    return IntStream.range(0, objects.size()).mapToObj(i -> objects.getJsonObject(i).getString("name")).toList();
  }

  /**
   * The published OpenRPC meta-schema, with the JSON Schema dialect it refers to served from the test resources
   * instead of the network. Both name that dialect in {@code $schema}; it is draft 07 with the same keywords, so the
   * validator reads them as draft 07.
   */
  private static Schema metaSchema() throws IOException {
    String dialect = withoutDialect("/openrpc/json-schema-tools-meta-schema.json");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
        builder -> builder.schemas(Map.of(JSON_SCHEMA_TOOLS, dialect, JSON_SCHEMA_TOOLS + "/", dialect)));
    return registry.getSchema(withoutDialect("/openrpc/openrpc-meta-schema.json"));
  }

  private static String withoutDialect(String resource) throws IOException {
    try (InputStream in = ApiReferenceTest.class.getResourceAsStream(resource)) {
      ObjectNode schema = (ObjectNode) JSON.readTree(in);
      schema.remove("$schema");
      return schema.toString();
    }
  }
}
