package io.cameraservice.app;

import io.cameraservice.config.ServiceConfig;
import io.cameraservice.events.EventHub;
import io.cameraservice.files.MediaIntake;
import io.cameraservice.governance.alerts.AlertTransition;
import io.cameraservice.governance.resources.ResourceSampler;
import io.cameraservice.rpc.MethodRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The test seams of {@link CameraService}, for tests in other packages. They stay package-private in the product,
 * so that its public surface is only what the command line uses; this class lives on the test side only.
 */
public final class ServiceSeams {

  private ServiceSeams() {}

  /** Starts the service with resource readings from {@code sampler} (null: this process). */
  public static Future<CameraService> start(ServiceConfig config, Clock clock, ResourceSampler sampler) {
    return CameraService.start(config, clock, sampler);
  }

  public static EventHub events(CameraService service) {
    return service.events();
  }

  public static MediaIntake mediaIntake(CameraService service) {
    return service.mediaIntake();
  }

  public static Future<Void> catalogReady(CameraService service) {
    return service.catalogReady();
  }

  public static MethodRegistry methods(CameraService service) {
    return service.methods();
  }

  public static CompletableFuture<List<AlertTransition>> evaluateGovernanceNow(CameraService service) {
    return service.evaluateGovernanceNow();
  }
}
