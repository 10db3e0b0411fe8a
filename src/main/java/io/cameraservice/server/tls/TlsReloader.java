package io.cameraservice.server.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the current certificate pair and swaps it when the files change. The files are re-read on a timer off the
 * event loop; a changed pair that loads is handed to every listener (servers call
 * {@code updateSSLOptions}, which affects new connections only, so open ones are not dropped). A changed pair that
 * does not load keeps the old certificate, logs a warning naming the file and counts {@code tls_reload_failures}.
 */
public final class TlsReloader {

  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final Vertx vertx;
  private final Path certFile;
  private final Path keyFile;
  private final long periodMillis;
  private final Counter failures;
  private final List<Consumer<ServerSSLOptions>> listeners = new CopyOnWriteArrayList<>();
  private volatile TlsCertificates.Loaded current;
  /** Digest of the last pair tried, good or bad, so a bad pair is reported once, not on every tick. */
  private volatile String lastSeen;
  private long timer = -1;
  /** Set while a check runs, so a slow disk never stacks checks up on the worker pool. */
  private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();

  private TlsReloader(Vertx vertx, Path certFile, Path keyFile, long periodMillis, MeterRegistry registry,
      TlsCertificates.Loaded first) {
    this.vertx = vertx;
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.periodMillis = periodMillis;
    this.failures = Counter.builder("tls_reload_failures")
        .description("Changed TLS certificate files that could not be loaded (the previous pair stays in use)")
        .register(registry);
    this.current = first;
    this.lastSeen = first.digest();
  }

  /** Loads the pair on a worker and starts watching; fails with the {@link TlsCertificates.TlsException}. */
  public static Future<TlsReloader> start(Vertx vertx, Path certFile, Path keyFile, long periodMillis,
      MeterRegistry registry) {
    return vertx.executeBlocking(() -> TlsCertificates.load(certFile, keyFile)).map(first -> {
      TlsReloader reloader = new TlsReloader(vertx, certFile, keyFile, periodMillis, registry, first);
      reloader.timer = vertx.setPeriodic(periodMillis, id -> reloader.check());
      return reloader;
    });
  }

  /** The options to listen with now. */
  public ServerSSLOptions options() {
    return current.options().copy();
  }

  public TlsCertificates.Loaded current() {
    return current;
  }

  /** {@code listener} gets the options of every new pair; the returned action unsubscribes it. */
  public Runnable onReload(Consumer<ServerSSLOptions> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  private void check() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    vertx.executeBlocking(() -> {
      try {
        TlsCertificates.Loaded loaded = TlsCertificates.load(certFile, keyFile);
        if (loaded.digest().equals(lastSeen)) {
          return null;
        }
        lastSeen = loaded.digest();
        current = loaded;
        LOG.info("TLS certificate reloaded from {} (subject {}, valid until {})", certFile,
            loaded.certificate().getSubjectX500Principal().getName(), loaded.certificate().getNotAfter());
        return loaded;
      } catch (TlsCertificates.TlsException e) {
        String attempt = e.file() + ":" + e.getMessage();
        if (!attempt.equals(lastSeen)) {
          lastSeen = attempt;
          failures.increment();
          LOG.warn("TLS certificate not reloaded, keeping the previous one: server.tls.{} ({}) {}", e.file(),
              "cert_file".equals(e.file()) ? certFile : keyFile, e.getMessage());
        }
        return null;
      }
    }, false).onComplete(done -> checking.set(false)).onSuccess(loaded -> {
      if (loaded != null) {
        listeners.forEach(l -> l.accept(loaded.options().copy()));
      }
    });
  }
}
