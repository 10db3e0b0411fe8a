package io.cameraservice.system;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the OpenRPC document as {@code docs/methods.md}, so the Markdown says exactly what the declarations say. */
final class MethodsMarkdown {

  static final String REGENERATE = "mvn -B -o test -Dtest=MethodsReferenceTest -Dmethods.write=true";

  private MethodsMarkdown() {}

  static String render(JsonObject document) {
    StringBuilder md = new StringBuilder();
    md.append("# Method reference\n\n")
        .append("<!-- Generated from the method declarations (rpc.MethodSpec) by MethodsReferenceTest; do not edit.\n")
        .append("     Regenerate with: ").append(REGENERATE).append(" -->\n\n")
        .append("Every JSON-RPC method of the service with its default minimum role, rate-limit class, parameters, ")
        .append("result and the errors of its own, then the notifications the service pushes. The envelope, the ")
        .append("error codes and authentication are described in [api.md](api.md). The same reference is served ")
        .append("machine-readable as an OpenRPC document: `GET /api/openrpc.json` or the method `rpc.discover`.\n\n")
        .append(document.getJsonObject("info").getString("description")).append("\n\n");

    md.append("| method | role | rate class | what it does |\n|---|---|---|---|\n");
    for (JsonObject method : objects(document.getJsonArray("methods"))) {
      md.append("| [`").append(method.getString("name")).append("`](#").append(anchor(method.getString("name")))
          .append(") | ").append(method.getString("x-role")).append(" | ").append(method.getString("x-rate-class"))
          .append(" | ").append(cell(method.getString("summary"))).append(" |\n");
    }

    md.append("\n## Methods\n");
    for (JsonObject method : objects(document.getJsonArray("methods"))) {
      method(md, method);
    }

    md.append("\n## Notifications\n\nServer-to-client messages without `id`; a client receives those of the topics ")
        .append("it is subscribed to (`subscribe_events`).\n\n")
        .append("| method | topics | role | params | when |\n|---|---|---|---|---|\n");
    for (JsonObject n : objects(document.getJsonArray("x-notifications"))) {
      md.append("| `").append(n.getString("method")).append("` | ")
          .append(String.join(", ", n.getJsonArray("topics").stream().map(t -> "`" + t + "`").toList()))
          .append(" | ").append(n.getString("x-role")).append(" | ").append(cell(n.getString("params")))
          .append(" | ").append(cell(n.getString("summary"))).append(" |\n");
    }
    return md.toString();
  }

  private static void method(StringBuilder md, JsonObject method) {
    md.append("\n### ").append(method.getString("name")).append("\n\n")
        .append(method.getString("summary")).append("\n\n")
        .append("- Role: ").append(method.getString("x-role"))
        .append("; rate class: ").append(method.getString("x-rate-class")).append("\n");
    List<JsonObject> params = objects(method.getJsonArray("params"));
    if (params.isEmpty()) {
      md.append("- Params: none\n");
    } else {
      md.append("- Params:\n\n  | name | type | required | rules | meaning |\n  |---|---|---|---|---|\n");
      for (JsonObject p : params) {
        JsonObject schema = p.getJsonObject("schema");
        md.append("  | `").append(p.getString("name")).append("` | ").append(type(schema)).append(" | ")
            .append(p.getBoolean("required") ? "yes" : "no").append(" | ").append(cell(rules(schema))).append(" | ")
            .append(cell(p.getString("description"))).append(" |\n");
      }
      md.append("\n");
    }
    md.append("- Result: ").append(method.getJsonObject("result").getString("description")).append("\n")
        .append("- Errors: ").append(errors(method.getJsonArray("errors"))).append("\n");
  }

  private static String type(JsonObject schema) {
    String type = schema.getString("type");
    if ("array".equals(type)) {
      return "array of " + schema.getJsonObject("items").getString("type");
    }
    return schema.containsKey("format") ? type + " (" + schema.getString("format") + ")" : type;
  }

  private static String rules(JsonObject schema) {
    List<String> rules = new ArrayList<>();
    if (schema.containsKey("enum")) {
      rules.add("one of " + String.join(", ", schema.getJsonArray("enum").stream().map(v -> "`" + v + "`").toList()));
    }
    if (schema.containsKey("minimum") || schema.containsKey("maximum")) {
      rules.add(bound(schema.getValue("minimum"), "≥ ") + (schema.containsKey("minimum")
          && schema.containsKey("maximum") ? ", " : "") + bound(schema.getValue("maximum"), "≤ "));
    }
    if (schema.containsKey("maxLength")) {
      rules.add("at most " + schema.getInteger("maxLength") + " characters");
    }
    if (schema.containsKey("pattern")) {
      rules.add("matches `" + schema.getString("pattern") + "`");
    }
    if (schema.containsKey("default")) {
      rules.add("default `" + schema.getValue("default") + "`");
    }
    return String.join("; ", rules);
  }

  private static String bound(Object value, String prefix) {
    return value == null ? "" : prefix + value;
  }

  /** The reasons grouped by code: {@code -32010 camera_not_found; -32020 already_recording, ...}. */
  private static String errors(JsonArray errors) {
    Map<Integer, List<String>> byCode = new LinkedHashMap<>();
    for (JsonObject e : objects(errors)) {
      byCode.computeIfAbsent(e.getInteger("code"), c -> new ArrayList<>())
          .add("`" + e.getJsonObject("data").getString("reason") + "`");
    }
    List<String> groups = new ArrayList<>();
    byCode.forEach((code, reasons) -> groups.add(code + " " + String.join(", ", reasons)));
    return String.join("; ", groups);
  }

  private static String anchor(String name) {
    return name.replace(".", "");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }
}
