package io.cameraservice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.cameraservice.app.CameraService;
import io.cameraservice.config.ConfigException;
import io.cameraservice.config.ServiceConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Runs the service in the foreground until SIGTERM or SIGINT, then stops it gracefully and answers exit status 0. */
final class ServiceRunner {

  private ServiceRunner() {}

  static int run(ServiceConfig config, PrintWriter out, Consumer<CameraService> onStarted) throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.toLevel(config.logging().level(), Level.INFO));
    CountDownLatch signalled = new CountDownLatch(1);
    // Handling the signals ourselves (rather than in a shutdown hook) lets a clean stop end with status 0.
    Signal.handle(new Signal("TERM"), s -> signalled.countDown());
    Signal.handle(new Signal("INT"), s -> signalled.countDown());

    CameraService service;
    try {
      service = CameraService.start(config, Clock.systemUTC())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConfigException problem) {
        throw problem; // an address that cannot be listened on: reported like any other configuration problem
      }
      throw e;
    }
    out.println("listening on http://" + config.server().host() + ":" + service.port());
    out.flush();
    onStarted.accept(service);

    signalled.await();
    long bound = config.server().shutdownGraceSeconds() + 15L;
    service.stop().toCompletionStage().toCompletableFuture().get(bound, TimeUnit.SECONDS);
    return 0;
  }
}
