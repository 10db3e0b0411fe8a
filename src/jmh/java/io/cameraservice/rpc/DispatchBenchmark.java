package io.cameraservice.rpc;

import io.cameraservice.auth.AuthGate;
import io.cameraservice.auth.Authenticator;
import io.cameraservice.auth.PermissionMatrix;
import io.cameraservice.auth.Role;
import io.cameraservice.auth.Session;
import io.cameraservice.config.LimitsSettings.RatesSettings;
import io.cameraservice.config.RateSettings;
import io.cameraservice.governance.ClockTimeMeter;
import io.cameraservice.domain.RateClass;
import io.cameraservice.governance.RateLimitGate;
import io.cameraservice.governance.RateLimiter;
import io.cameraservice.observability.RpcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The service's own work for one request, without sockets: parse, gates (rate limit, auth), validation, handler,
 * metrics, encoding. What is left of the server's CPU per request is the transport's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {

  private RpcDispatcher dispatcher;
  private Sink connection;

  static final class Sink implements RpcConnection {
    Blackhole hole;
    final Session session = new Session("s", "bench", Role.ADMIN, Instant.now().plusSeconds(86400), null);

    @Override
    public String id() {
      return "c1";
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }

    @Override
    public Session session() {
      return session;
    }

    @Override
    public void session(Session s) {}

    @Override
    public void send(String frame) {
      hole.consume(frame);
    }
  }

  @Setup
  public void setUp(Blackhole hole) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Clock clock = Clock.systemUTC();
    RateSettings unlimited = new RateSettings(1_000_000, 1_000_000);
    RateLimiter rates = new RateLimiter(new RatesSettings(unlimited, unlimited, unlimited, unlimited, Map.of()),
        new ClockTimeMeter(clock), 1000);
    Authenticator authenticator = new Authenticator(null, null, null, clock);
    MethodRegistry methods = new MethodRegistry();
    Future<Object> pong = Future.succeededFuture("pong");
    methods.register(MethodSpec.method("ping", Access.OPEN, RateClass.STATUS).summary("ping").returns("pong")
        .handledBy(call -> pong));
    dispatcher = new RpcDispatcher(methods, List.of(new RateLimitGate(rates),
        new AuthGate(PermissionMatrix.of(methods.all(), Map.of()), authenticator)), new RpcMetrics(registry),
        1 << 20, 100);
    connection = new Sink();
    connection.hole = hole;
  }

  @Benchmark
  public void ping() {
    dispatcher.dispatch(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":17}");
  }
}
