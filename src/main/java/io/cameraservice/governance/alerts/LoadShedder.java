package io.cameraservice.governance.alerts;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.rpc.CallGate;
import io.cameraservice.rpc.MethodSpec;
import io.cameraservice.rpc.RpcConnection;
import java.util.Set;

/**
 * While a critical alert that sheds load is active (by default CPU or memory), new control and file work is refused
 * at once as busy ({@code overloaded}, -32040), so what is running can finish and the service keeps answering
 * {@code ping}, {@code authenticate}, status reads and admin calls. Runs after the auth gate, so callers without a
 * session still learn nothing. Refusals are counted like every -32040, by their scope:
 * {@code rpc_rejections_total{scope="load_shedding"}}.
 */
public final class LoadShedder implements CallGate {

  public static final String SCOPE = "load_shedding";
  private static final Set<RateClass> SHED = Set.of(RateClass.CONTROL, RateClass.FILE);

  private final AlertEngine alerts;
  private final long retryAfterMs;

  /** @param retryAfterMs how soon the verdict can change: the alert evaluation interval */
  public LoadShedder(AlertEngine alerts, long retryAfterMs) {
    this.alerts = alerts;
    this.retryAfterMs = retryAfterMs;
  }

  @Override
  public Failure check(RpcConnection connection, String method, MethodSpec spec) {
    return spec == null ? null : refusal(spec.rateClass());
  }

  /** The refusal for new work of this class now, or null when it may run (also used by HTTP routes). */
  public Failure refusal(RateClass rateClass) {
    if (!SHED.contains(rateClass)) {
      return null;
    }
    String cause = alerts.sheddingCause();
    if (cause == null) {
      return null;
    }
    // limit 0: while shedding, no new work of this class is admitted.
    return Failure.overloaded("overloaded", retryAfterMs, SCOPE).with("alert", cause);
  }
}
