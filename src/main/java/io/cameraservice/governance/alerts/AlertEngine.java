package io.cameraservice.governance.alerts;

import io.cameraservice.config.AlertsSettings.AlertRuleSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule against its input, announces each transition (log line, then the listeners: notification,
 * metrics, webhook), and keeps the load-shedding verdict: shed while any rule marked {@code shed_load} is critical.
 * {@link #evaluate()} runs on the governance thread; the verdict is read from the event loops.
 */
public final class AlertEngine {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

  private final List<AlertState> states = new ArrayList<>();
  private final AlertInputs inputs;
  private final Clock clock;
  private final List<AlertListener> listeners;
  private volatile String sheddingCause;

  public AlertEngine(List<AlertRuleSettings> rules, AlertInputs inputs, Clock clock, List<AlertListener> listeners) {
    rules.forEach(rule -> states.add(new AlertState(rule)));
    this.inputs = inputs;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /** Reads every rule's input once and applies the transitions; answers them in rule order. */
  public synchronized List<AlertTransition> evaluate() {
    Instant now = clock.instant();
    inputs.advance(now);
    List<AlertTransition> transitions = new ArrayList<>();
    for (AlertState state : states) {
      AlertTransition transition = state.evaluate(inputs.value(state.rule().metric()), now);
      if (transition != null) {
        transitions.add(transition);
      }
    }
    updateShedding();
    transitions.forEach(this::announce);
    return transitions;
  }

  /** The name of a critical alert that sheds load, or null while none is. */
  public String sheddingCause() {
    return sheddingCause;
  }

  /** The rules past a threshold and the load-shedding verdict (the {@code alerts} section of {@code get_metrics}). */
  public synchronized AlertsStatus status() {
    List<AlertsStatus.Active> active = new ArrayList<>();
    for (AlertState state : states) {
      if (state.level() != Severity.NONE) {
        AlertRuleSettings rule = state.rule();
        active.add(new AlertsStatus.Active(rule.name(), state.level(), rule.metric(), state.lastValue(),
            state.level() == Severity.CRITICAL ? rule.critical() : rule.warning(), state.levelSince()));
      }
    }
    return new AlertsStatus(states.size(), active, sheddingCause);
  }

  private void updateShedding() {
    String cause = null;
    for (AlertState state : states) {
      if (state.rule().shedLoad() && state.level() == Severity.CRITICAL) {
        cause = state.rule().name();
        break;
      }
    }
    if (cause != null && sheddingCause == null) {
      LOG.error("load shedding on: alert {} is critical, new control and file requests are refused", cause);
    } else if (cause == null && sheddingCause != null) {
      LOG.warn("load shedding off: no critical alert that sheds load");
    }
    sheddingCause = cause;
  }

  private void announce(AlertTransition transition) {
    switch (transition.to()) {
      case CRITICAL -> LOG.error("alert {}", transition.message());
      case WARNING -> LOG.warn("alert {}", transition.message());
      default -> LOG.info("alert {}", transition.message());
    }
    for (AlertListener listener : listeners) {
      try {
        listener.onTransition(transition);
      } catch (RuntimeException e) {
        LOG.error("alert listener {} failed", listener.getClass().getSimpleName(), e);
      }
    }
  }
}
