package io.cameraservice.governance.alerts;

import io.cameraservice.governance.AlertNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each transition's {@code system_alert} params as JSON to {@code alerts.webhook_url}. One attempt per
 * transition, bounded by a timeout and by a cap on posts under way (beyond it a transition is not posted), so a slow
 * or dead receiver costs nothing but a log line and a count: {@code alert_webhook_posts_total{outcome}} with outcome
 * delivered, failed or dropped. Only the receiver's host is ever logged: webhook URLs often carry a token.
 */
public final class WebhookNotifier implements AlertListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final HttpClientAgent client;
  private final String url;
  private final String host;
  /** Path and query of the URL, which may hold a token: scrubbed from failure messages before they are logged. */
  private final String secretPart;
  private final int timeoutMs;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter delivered;
  private final Counter failed;
  private final Counter dropped;

  public WebhookNotifier(Vertx vertx, String url, int timeoutMs, int maxPending, MeterRegistry registry) {
    this.url = url;
    URI uri = URI.create(url);
    this.host = uri.getHost();
    this.secretPart = (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    this.timeoutMs = timeoutMs;
    this.maxPending = maxPending;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMs),
        new PoolOptions().setHttp1MaxSize(maxPending).setMaxWaitQueueSize(maxPending));
    this.delivered = outcome(registry, "delivered");
    this.failed = outcome(registry, "failed");
    this.dropped = outcome(registry, "dropped");
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("alert_webhook_posts").description("Alert transitions posted to the webhook, by outcome")
        .tag("outcome", outcome).register(registry);
  }

  @Override
  public void onTransition(AlertTransition transition) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      dropped.increment();
      LOG.warn("alert {} {} not posted to webhook at {}: already {} post(s) under way", transition.alert(),
          transition.severity(), host, maxPending);
      return;
    }
    String body = AlertNotifications.systemAlert(transition).encode();
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setTimeout(timeoutMs)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json"))
        .compose(request -> request.send(body))
        .compose(response -> response.body().compose(ignored -> response.statusCode() / 100 == 2
            ? Future.succeededFuture()
            : Future.failedFuture("HTTP " + response.statusCode())))
        .onComplete(done -> {
          pending.decrementAndGet();
          if (done.succeeded()) {
            delivered.increment();
          } else {
            failed.increment();
            LOG.warn("alert {} {} not delivered to webhook at {}: {}", transition.alert(), transition.severity(),
                host, scrub(done.cause()));
          }
        });
  }

  private String scrub(Throwable cause) {
    String text = String.valueOf(cause.getMessage());
    return secretPart.length() > 1 ? text.replace(secretPart, "/...") : text;
  }

  @Override
  public void close() {
    client.close();
  }
}
