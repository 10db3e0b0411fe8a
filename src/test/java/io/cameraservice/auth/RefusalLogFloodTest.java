package io.cameraservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cameraservice.testing.MutableClock;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A flood of refused authentications, over real sockets, writes a bounded number of log lines. */
class RefusalLogFloodTest {

  private static final int ATTEMPTS = 1000;
  private static final int PER_SOCKET = 50; // batches stay under what an unauthenticated socket may send

  @TempDir
  Path dir;

  @Test
  void aThousandRefusedAttemptsWriteABoundedLogAndCountWhatTheyLeftOut() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    Logger logger = (Logger) LoggerFactory.getLogger(AuthMethods.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    logger.setLevel(Level.INFO);
    try (TestService service = TestService.start(dir, tree -> tree.withObject("/limits").withObject("/rates")
        .withObject("/status").put("per_second", 100_000).put("burst", 100_000), clock)) {
      int refused = 0;
      for (int s = 0; s < ATTEMPTS / PER_SOCKET; s++) {
        try (RpcClient client = service.connect()) {
          JsonArray batch = new JsonArray();
          for (int i = 0; i < PER_SOCKET; i++) {
            batch.add(new JsonObject().put("jsonrpc", "2.0").put("method", "authenticate").put("id", i)
                .put("params", new JsonObject().put("auth_token", "not-a-token-" + i)));
          }
          client.send(batch.encode());
          for (Object answer : client.nextArray()) {
            // -32001 for the first ones, then -32040 from the lockout: refused either way, and logged before.
            assertThat(((JsonObject) answer).getJsonObject("error").getInteger("code")).isIn(-32001, -32040);
            refused++;
          }
        }
      }
      assertThat(refused).isEqualTo(ATTEMPTS);
      List<String> lines = messages(log);
      assertThat(lines).as("one line per refusal before").hasSizeBetween(1, 20);
      assertThat(lines).allMatch(line -> line.startsWith("authentication failed from 127.0.0.1"));

      // The next refusal after the minute reports how many were left out.
      clock.advance(Duration.ofMinutes(2));
      try (RpcClient client = service.connect()) {
        assertThat(client.call("authenticate", new JsonObject().put("auth_token", "still-not-a-token"))
            .containsKey("error")).isTrue();
      }
      assertThat(messages(log)).hasSize(lines.size() + 2)
          .contains((ATTEMPTS - lines.size()) + " more failed authentications not logged (at most 20 lines per 60 s)");
    } finally {
      logger.detachAppender(log);
      logger.setLevel(level);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> log) {
    synchronized (log.list) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
