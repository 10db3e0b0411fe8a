package io.cameraservice.governance.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cameraservice.governance.AlertNotifications;
import io.cameraservice.testing.Http;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.Poll;
import io.cameraservice.testing.ScriptedSampler;
import io.cameraservice.testing.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Alert transitions POSTed to a real local HTTP receiver: delivered as the system_alert JSON; a receiver that fails
 * or does not answer costs a count and a log line (never the URL's token), and posts under way are capped.
 */
class AlertWebhookTest {

  private static final String DISK_RULE = "{name: disk, metric: resource_disk_free_ratio, direction: below, "
      + "warning: 0.1, critical: 0.05, for_seconds: 0, hysteresis: 0.02}";

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  private record Received(String method, String contentType, String body) {}

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Starts a receiver that records each request, then lets {@code respond} answer it (or not). */
  private int receiver(Consumer<HttpServerRequest> respond) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      received.add(new Received(request.method().name(), request.getHeader("Content-Type"), body.toString()));
      respond.accept(request);
    }));
    return server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
  }

  private TestService service(int receiverPort, ScriptedSampler sampler, int timeoutMs, int maxPending) {
    return TestService.start(dir, tree -> {
      SystemAlertNotificationTest.governedByTheTest(tree, DISK_RULE);
      ((ObjectNode) tree.get("alerts"))
          .put("webhook_url", "http://127.0.0.1:" + receiverPort + "/hooks/alerts?token=s3cret")
          .put("webhook_timeout_ms", timeoutMs).put("webhook_max_pending", maxPending);
    }, MutableClock.startingNow(), sampler);
  }

  private static double posts(TestService service, String outcome) {
    return Http.metric(service.port(), "alert_webhook_posts_total{outcome=\"" + outcome + "\"}");
  }

  private static void awaitPosts(TestService service, String outcome, double count) {
    double seen = Poll.until(() -> posts(service, outcome), posts -> posts >= count, Duration.ofSeconds(10));
    assertThat(seen).isEqualTo(count);
  }

  @Test
  void theReceiverGetsTheSameJsonAsTheNotification() throws Exception {
    int port = receiver(request -> request.response().setStatusCode(204).end());
    ScriptedSampler sampler = new ScriptedSampler();
    try (TestService service = service(port, sampler, 5000, 8)) {
      sampler.diskFree(4 * ScriptedSampler.GIB);
      List<AlertTransition> fired = SystemAlertNotificationTest.evaluate(service);
      assertThat(fired).extracting(AlertTransition::severity).containsExactly("critical");

      Received post = received.poll(10, TimeUnit.SECONDS);
      assertThat(post).isNotNull();
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.contentType()).isEqualTo("application/json");
      assertThat(new JsonObject(post.body())).isEqualTo(AlertNotifications.systemAlert(fired.get(0)));
      assertThat(new JsonObject(post.body()).getDouble("value")).isEqualTo(0.04);
      awaitPosts(service, "delivered", 1);
      assertThat(posts(service, "failed")).isEqualTo(0);
    }
  }

  @Test
  void aFailingReceiverIsCountedAndNotRetried() throws Exception {
    int port = receiver(request -> request.response().setStatusCode(500).end());
    ScriptedSampler sampler = new ScriptedSampler();
    try (TestService service = service(port, sampler, 5000, 8)) {
      sampler.diskFree(4 * ScriptedSampler.GIB);
      SystemAlertNotificationTest.evaluate(service);
      awaitPosts(service, "failed", 1);
      assertThat(received).hasSize(1);
      assertThat(posts(service, "delivered")).isEqualTo(0);
    }
  }

  @Test
  void aSilentReceiverTimesOutAndPostsBeyondTheCapAreDropped() throws Exception {
    int port = receiver(request -> { }); // never answers
    ScriptedSampler sampler = new ScriptedSampler();
    Logger logger = (Logger) LoggerFactory.getLogger(WebhookNotifier.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (TestService service = service(port, sampler, 500, 1)) {
      sampler.diskFree(4 * ScriptedSampler.GIB);
      SystemAlertNotificationTest.evaluate(service);
      assertThat(received.poll(10, TimeUnit.SECONDS)).as("the first post arrived and hangs").isNotNull();
      sampler.diskFree(50 * ScriptedSampler.GIB);
      assertThat(SystemAlertNotificationTest.evaluate(service)).extracting(AlertTransition::severity)
          .containsExactly("resolved");
      assertThat(posts(service, "dropped")).as("one post under way is the cap").isEqualTo(1);
      awaitPosts(service, "failed", 1);
      assertThat(received).as("the dropped transition was never sent").isEmpty();
    } finally {
      logger.detachAppender(log);
    }
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("not posted") && line.contains("127.0.0.1"))
        .anyMatch(line -> line.contains("not delivered") && line.contains("timeout"))
        .noneMatch(line -> line.contains("s3cret"));
  }
}
