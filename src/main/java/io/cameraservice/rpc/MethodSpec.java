package io.cameraservice.rpc;

import io.cameraservice.domain.RateClass;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one declaration of a method: its name, who may call it by default, its rate-limit class, what it does, its
 * parameters, what it answers, the errors of its own it can answer, and its handler. The dispatcher's registry, the
 * permission matrix and the published reference (OpenRPC and {@code docs/methods.md}) are all read from it.
 *
 * @param summary one line saying what the method does
 * @param result one line saying what it answers
 * @param resultSchema the JSON schema of the result, as far as it is fixed
 * @param errors errors of its own, beyond those every call can get (authentication, role, rate limits, params)
 */
public record MethodSpec(String name, Access access, RateClass rateClass, String summary, ParamSchema params,
    String result, JsonObject resultSchema, List<MethodError> errors, MethodHandler handler) {

  private static final JsonObject ANY_OBJECT = new JsonObject().put("type", "object");

  public MethodSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(access, name + ": access");
    Objects.requireNonNull(rateClass, name + ": rate class");
    Objects.requireNonNull(params, name + ": params");
    Objects.requireNonNull(handler, name + ": handler");
    requireText(summary, name + ": summary");
    requireText(result, name + ": result");
    resultSchema = resultSchema == null ? ANY_OBJECT : resultSchema;
    errors = List.copyOf(errors);
    params.params().forEach(p -> requireText(p.description(), name + ": description of " + p.name()));
  }

  /** Starts the declaration of {@code name}, callable by {@code access} at the cost of {@code rateClass}. */
  public static Builder method(String name, Access access, RateClass rateClass) {
    return new Builder(name, access, rateClass);
  }

  private static void requireText(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }

  /** The declaration in the order a reader wants it; {@link #handledBy} completes it. */
  public static final class Builder {
    private final String name;
    private final Access access;
    private final RateClass rateClass;
    private String summary;
    private ParamSchema params = ParamSchema.none();
    private String result;
    private JsonObject resultSchema;
    private final List<MethodError> errors = new ArrayList<>();

    private Builder(String name, Access access, RateClass rateClass) {
      this.name = name;
      this.access = access;
      this.rateClass = rateClass;
    }

    public Builder summary(String oneLine) {
      this.summary = oneLine;
      return this;
    }

    public Builder params(Param... declared) {
      return params(ParamSchema.of(declared));
    }

    public Builder params(ParamSchema schema) {
      this.params = schema;
      return this;
    }

    /** What the method answers: an object unless {@link #returns(String, JsonObject)} says otherwise. */
    public Builder returns(String oneLine) {
      return returns(oneLine, null);
    }

    public Builder returns(String oneLine, JsonObject schema) {
      this.result = oneLine;
      this.resultSchema = schema;
      return this;
    }

    /** Adds errors of the method's own; may be called more than once. */
    public Builder errors(MethodError... own) {
      errors.addAll(List.of(own));
      return this;
    }

    public MethodSpec handledBy(MethodHandler handler) {
      return new MethodSpec(name, access, rateClass, summary, params, result, resultSchema, errors, handler);
    }
  }
}
