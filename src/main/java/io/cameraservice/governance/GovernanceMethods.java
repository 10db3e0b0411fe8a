package io.cameraservice.governance;

import io.cameraservice.governance.alerts.AlertsStatus;
import io.cameraservice.governance.resources.ResourceBudgets;
import io.cameraservice.governance.resources.ResourceSample;
import io.cameraservice.governance.resources.ResourceSnapshot;
import io.cameraservice.rpc.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeMap;

/**
 * The wire shapes of governance's sections of {@code get_metrics}: the sampler and the alert engine return records,
 * these render them (issue 10: only {@code rpc} and the {@code *Methods} classes build wire JSON).
 */
public final class GovernanceMethods {

  private GovernanceMethods() {
  }

  /** The {@code resources} section: values, budgets and ratios; only {@code sampled_at: null} before the first. */
  public static JsonObject resources(ResourceSnapshot snapshot) {
    if (snapshot == null) {
      return new JsonObject().put("sampled_at", null);
    }
    ResourceSample sample = snapshot.sample();
    JsonObject loops = new JsonObject();
    new TreeMap<>(snapshot.loopDelaySeconds()).forEach((loop, delay) -> loops.put(loop, round(delay)));
    return new JsonObject()
        .put("sampled_at", Timestamps.format(snapshot.at()))
        .put("cpu", new JsonObject()
            .put("service_percent", percent(sample.serviceCpuCores()))
            .put("children_percent", percent(sample.childCpuCores()))
            .put("total_percent", percent(snapshot.totalCpuCores()))
            .put("machine_ratio", round(snapshot.cpuMachineRatio()))
            .put("budget_ratio", round(snapshot.cpuBudgetRatio())))
        .put("memory", new JsonObject()
            .put("service_rss_bytes", sample.serviceRssBytes())
            .put("children_rss_bytes", sample.childRssBytes())
            .put("total_rss_bytes", snapshot.totalRssBytes())
            .put("rss_budget_ratio", round(snapshot.rssBudgetRatio()))
            .put("heap_used_bytes", sample.heapUsedBytes())
            .put("heap_max_bytes", sample.heapMaxBytes())
            .put("heap_budget_ratio", round(snapshot.heapBudgetRatio())))
        .put("open_files", new JsonObject()
            .put("count", sample.openFiles())
            .put("limit", sample.openFilesLimit())
            .put("budget_ratio", round(snapshot.openFilesBudgetRatio())))
        .put("threads", sample.threads())
        .put("child_processes", sample.childProcesses())
        .put("disk", new JsonObject()
            .put("free_bytes", sample.diskFreeBytes())
            .put("total_bytes", sample.diskTotalBytes())
            .put("free_ratio", round(snapshot.diskFreeRatio())))
        .put("event_loop_delay_seconds", new JsonObject()
            .put("max", round(snapshot.maxLoopDelaySeconds()))
            .put("loops", loops))
        .put("budgets", budgets(snapshot.budgets()));
  }

  /** The {@code alerts} section: active alerts and whether load is being shed. */
  public static JsonObject alerts(AlertsStatus status) {
    JsonArray active = new JsonArray();
    status.active().forEach(a -> active.add(new JsonObject()
        .put("alert", a.alert())
        .put("severity", a.severity().wireName())
        .put("metric", a.metric())
        .put("value", a.value())
        .put("threshold", a.threshold())
        .put("since", Timestamps.format(a.since()))));
    return new JsonObject().put("rules", status.rules()).put("active", active)
        .put("load_shedding", status.sheddingCause() != null).put("load_shedding_cause", status.sheddingCause());
  }

  private static JsonObject budgets(ResourceBudgets budgets) {
    return new JsonObject()
        .put("cpu_percent", Math.round(budgets.cpuCores() * 1000) / 10.0)
        .put("rss_bytes", budgets.rssBytes())
        .put("heap_bytes", budgets.heapBytes())
        .put("open_files", budgets.openFiles());
  }

  /** Cores as a percentage of one core, one decimal; null when unknown. */
  private static Double percent(double cores) {
    return Double.isFinite(cores) ? Math.round(cores * 1000) / 10.0 : null;
  }

  /** Four decimals, null for NaN (JSON has no NaN). */
  private static Double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
  }
}
