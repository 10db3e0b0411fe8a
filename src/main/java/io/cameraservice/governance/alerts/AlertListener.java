package io.cameraservice.governance.alerts;

/** Told of every alert transition, on the governance thread; must not block. */
@FunctionalInterface
public interface AlertListener {

  void onTransition(AlertTransition transition);
}
