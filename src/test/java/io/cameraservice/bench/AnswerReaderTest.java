package io.cameraservice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cameraservice.bench.AnswerReader.IdKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerReaderTest {

  private final AnswerReader reader = new AnswerReader();

  private boolean read(String answer) throws IOException {
    // A buffer longer than the answer, as the generator's reused one is: only the first bytes are the answer.
    byte[] text = answer.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[text.length + 16];
    System.arraycopy(text, 0, buffer, 0, text.length);
    buffer[text.length] = '{';
    return reader.read(buffer, text.length);
  }

  @Test
  void pipelinedAnswersOnOneReaderEachGiveTheirOwnIdAndOutcome() throws IOException {
    assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":3}")).isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.INTEGER);
    assertThat(reader.id()).isEqualTo(3);
    assertThat(reader.error()).isFalse();

    assertThat(read("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32040,\"message\":\"rate limited\","
        + "\"data\":{\"reason\":\"rate_limited\",\"retry_after_ms\":[1,2]}},\"id\":0}")).isTrue();
    assertThat(reader.id()).isZero();
    assertThat(reader.error()).isTrue();
    assertThat(reader.errorCode()).isEqualTo(-32040);

    // Nothing of the error answer before it is left over.
    assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":{\"cameras\":[{\"id\":\"camera0\",\"error\":null}],"
        + "\"total\":1},\"id\":7}")).isTrue();
    assertThat(reader.id()).isEqualTo(7);
    assertThat(reader.error()).isFalse();
    assertThat(reader.errorCode()).isEqualTo(AnswerReader.NO_CODE);
  }

  @Test
  void idAndErrorCodeAreFoundInAnyFieldOrder() throws IOException {
    assertThat(read("{\"id\":12345678901,\"jsonrpc\":\"2.0\",\"error\":{\"message\":\"x\",\"code\":-32601}}"))
        .isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.INTEGER);
    assertThat(reader.id()).isEqualTo(12345678901L);
    assertThat(reader.errorCode()).isEqualTo(-32601);
  }

  @Test
  void aStringIdIsNotTakenForTheNumberItSpells() throws IOException {
    assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":\"7\"}")).isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.STRING);
    assertThat(reader.id()).isZero();
  }

  @Test
  void nullMissingAndNonIntegerIdsAreToldApart() throws IOException {
    assertThat(read("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"parse error\"},\"id\":null}"))
        .isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.NULL);
    assertThat(reader.errorCode()).isEqualTo(-32700);

    assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"event\",\"params\":{\"id\":4}}")).isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.ABSENT);

    assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":1.5}")).isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.OTHER);
    assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":123456789012345678901234567890}")).isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.OTHER);
    assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":{\"n\":1}}")).isTrue();
    assertThat(reader.idKind()).isEqualTo(IdKind.OTHER);
  }

  @Test
  void anErrorWithoutAnIntegerCodeIsStillAnError() throws IOException {
    assertThat(read("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":\"-32000\"},\"id\":2}")).isTrue();
    assertThat(reader.error()).isTrue();
    assertThat(reader.errorCode()).isEqualTo(AnswerReader.NO_CODE);
    assertThat(read("{\"jsonrpc\":\"2.0\",\"error\":\"broken\",\"id\":2}")).isTrue();
    assertThat(reader.error()).isTrue();
    assertThat(reader.id()).isEqualTo(2);
  }

  @Test
  void aBatchAnswerIsNotOneAnswer() throws IOException {
    // The generator sends no batches; an array must not pass for an answer to one of its lanes.
    assertThat(read("[{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":1},"
        + "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"x\"},\"id\":2}]")).isFalse();
    assertThat(reader.idKind()).isEqualTo(IdKind.ABSENT);
    assertThat(reader.error()).isFalse();
  }

  @Test
  void malformedJsonThrows() {
    assertThatThrownBy(() -> read("{\"jsonrpc\":\"2.0\",\"result\":[1,}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":")).isInstanceOf(IOException.class);
  }
}
