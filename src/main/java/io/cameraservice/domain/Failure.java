package io.cameraservice.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain failure: a {@link FailureKind}, a stable snake_case {@code reason} clients may branch on, and details (in
 * the order they were added) that say what exactly failed. It is an expected outcome, not a bug, so it carries no
 * stack trace. The factories name the details each kind promises, so that no caller forgets one.
 */
public final class Failure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final String reason;
  private final transient Map<String, Object> details = new LinkedHashMap<>();

  public Failure(FailureKind kind, String reason) {
    super(null, null, false, false);
    this.kind = kind;
    this.reason = reason;
  }

  public static Failure invalidInput(String reason, String param, String rule) {
    return new Failure(FailureKind.INVALID_INPUT, reason).with("param", param).with("rule", rule);
  }

  public static Failure unauthenticated(String reason) {
    return new Failure(FailureKind.UNAUTHENTICATED, reason);
  }

  public static Failure forbidden(String requiredRole, String haveRole) {
    return new Failure(FailureKind.FORBIDDEN, "insufficient_role")
        .with("required_role", requiredRole).with("have_role", haveRole);
  }

  /** {@code resource} is a snake_case noun ("camera", "recording"); the reason is {@code <resource>_not_found}. */
  public static Failure notFound(String resource, String id) {
    return new Failure(FailureKind.NOT_FOUND, resource + "_not_found").with("resource", resource).with("id", id);
  }

  public static Failure invalidState(String reason, String state, Collection<String> allowedStates) {
    return new Failure(FailureKind.INVALID_STATE, reason).with("state", state)
        .with("allowed_states", List.copyOf(allowedStates));
  }

  public static Failure unsupported(String reason, String feature) {
    return new Failure(FailureKind.UNSUPPORTED, reason).with("feature", feature);
  }

  /** {@code limit} is the number (or rate) that was reached; {@code scope} names what it limits. */
  public static Failure busy(String reason, long retryAfterMs, Object limit, String scope) {
    return new Failure(FailureKind.BUSY, reason).with("retry_after_ms", retryAfterMs)
        .with("limit", limit).with("scope", scope);
  }

  /** Load shedding: {@code limit} is 0 because no new work of the class is admitted while it lasts. */
  public static Failure overloaded(String reason, long retryAfterMs, String scope) {
    return new Failure(FailureKind.OVERLOADED, reason).with("retry_after_ms", retryAfterMs).with("limit", 0)
        .with("scope", scope);
  }

  public static Failure dependencyFailed(String reason, String dependency, String detail) {
    return new Failure(FailureKind.DEPENDENCY_FAILED, reason).with("dependency", dependency).with("detail", detail);
  }

  public static Failure noSpace(long availableBytes, long requiredBytes) {
    return new Failure(FailureKind.NO_SPACE, "below_free_space_floor")
        .with("available_bytes", availableBytes).with("required_bytes", requiredBytes);
  }

  /** Adds a detail; values are strings, numbers, booleans, lists or maps of those. */
  public Failure with(String key, Object value) {
    details.put(key, value);
    return this;
  }

  public FailureKind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public Map<String, Object> details() {
    return Collections.unmodifiableMap(details);
  }

  /** The detail under {@code key}, or null. */
  public Object detail(String key) {
    return details.get(key);
  }

  /** {@code retry_after_ms} of a BUSY or OVERLOADED failure, or {@code fallback} when it has none. */
  public long retryAfterMs(long fallback) {
    return details.get("retry_after_ms") instanceof Number n ? n.longValue() : fallback;
  }

  @Override
  public String getMessage() {
    return kind + " " + reason + " " + details;
  }

  /** True when {@code e} is a failure of that kind. */
  public static boolean is(Throwable e, FailureKind kind) {
    return e instanceof Failure f && f.kind == kind;
  }
}
