package io.cameraservice.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.domain.Caller;
import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The protocol layer alone, without a socket: in-flight accounting, gates, handler failures. */
class RpcDispatcherTest {

  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final RpcConnection connection = new RpcConnection() {
    @Override
    public String id() {
      return "c1";
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }

    @Override
    public Caller caller() {
      return null;
    }

    @Override
    public void caller(Caller caller) {}

    @Override
    public void send(String frame) {
      sent.add(frame);
    }
  };

  private static MethodSpec spec(String name, MethodHandler handler) {
    return MethodSpec.method(name, Access.VIEWER, RateClass.STATUS).summary("a test method").returns("anything")
        .handledBy(handler);
  }

  @Test
  void callsAreInFlightUntilTheirHandlerCompletes() {
    Promise<Object> slow = Promise.promise();
    MethodRegistry registry = new MethodRegistry()
        .register(spec("slow", call -> slow.future()));
    RpcDispatcher dispatcher = new RpcDispatcher(registry, List.of(), RpcObserver.NONE, 1 << 20, 10);
    dispatcher.dispatch(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"slow\",\"id\":1}");
    assertThat(dispatcher.inFlight()).isEqualTo(1);
    assertThat(sent).isEmpty();
    slow.complete("done");
    assertThat(dispatcher.inFlight()).isZero();
    assertThat(new JsonObject(sent.get(0)).getString("result")).isEqualTo("done");
  }

  @Test
  void aGateRefusalAnswersBeforeTheHandlerRuns() {
    int[] calls = {0};
    MethodRegistry registry = new MethodRegistry().register(spec("m", call -> {
          calls[0]++;
          return io.vertx.core.Future.succeededFuture(1);
        }));
    CallGate refuseAll = (c, method, spec) -> Failure.busy("test", 5, 1, "test");
    new RpcDispatcher(registry, List.of(refuseAll), RpcObserver.NONE, 1 << 20, 10)
        .dispatch(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1}");
    assertThat(calls[0]).isZero();
    assertThat(new JsonObject(sent.get(0)).getJsonObject("error").getInteger("code")).isEqualTo(-32040);
  }

  @Test
  void aFailingHandlerIsAnInternalErrorWithoutDetails() {
    MethodRegistry registry = new MethodRegistry().register(spec("boom", call -> {
          throw new IllegalStateException("secret internals");
        }));
    new RpcDispatcher(registry, List.of(), RpcObserver.NONE, 1 << 20, 10)
        .dispatch(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"boom\",\"id\":1}");
    JsonObject error = new JsonObject(sent.get(0)).getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo(-32603);
    assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("internal_error");
    assertThat(sent.get(0)).doesNotContain("secret internals").doesNotContain("IllegalStateException");
  }

  @Test
  void registeringAMethodTwiceIsAWiringBug() {
    MethodRegistry registry = new MethodRegistry().register(spec("m", call -> null));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.register(spec("m", call -> null))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aHandlerReturningNoFutureIsAnInternalError() {
    MethodRegistry registry = new MethodRegistry().register(spec("nothing", call -> null));
    new RpcDispatcher(registry, List.of(), RpcObserver.NONE, 1 << 20, 10)
        .dispatch(connection, "{\"jsonrpc\":\"2.0\",\"method\":\"nothing\",\"id\":1}");
    assertThat(new JsonObject(sent.get(0)).getJsonObject("error").getInteger("code")).isEqualTo(-32603);
  }
}
