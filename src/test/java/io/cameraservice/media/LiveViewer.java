package io.cameraservice.media;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real clients of the live routes for tests: a streamed HTTP GET and a WebSocket. */
final class LiveViewer {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Vertx VERTX = Vertx.vertx();

  private LiveViewer() {}

  static HttpResponse<InputStream> get(int port, String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Reads the start of a live fMP4 stream: init segment, then the first fragment. */
  static StreamStart readStart(InputStream in) throws IOException {
    BoxReader boxes = new BoxReader(in);
    BoxReader.Box ftyp = boxes.next();
    BoxReader.Box moov = boxes.next();
    BoxReader.Box moof = boxes.next();
    BoxReader.Box mdat = boxes.next();
    InitSegment init = InitSegment.parse(ftyp.bytes(), moov.bytes());
    return new StreamStart(ftyp.type(), moov.type(), init, Fragment.parse(moof.bytes(), mdat.bytes(), init));
  }

  record StreamStart(String first, String second, InitSegment init, Fragment fragment) {}

  /** A WebSocket viewer: every message, text or binary, in arrival order, and the close code the server sent. */
  static final class Socket implements AutoCloseable {
    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final java.util.concurrent.CompletableFuture<Short> closedWith = new java.util.concurrent.CompletableFuture<>();
    private final WebSocketClient client;
    private final WebSocket socket;

    Socket(int port, String path) throws Exception {
      client = VERTX.createWebSocketClient();
      // Handlers are in place before the upgrade completes: the server starts sending at once.
      io.vertx.core.http.ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(messages::add).binaryMessageHandler(messages::add)
          .closeHandler(v -> closedWith.complete(ws.closeStatusCode()));
      socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Object next() throws InterruptedException {
      Object m = messages.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no message within 10 s");
      }
      return m;
    }

    /** The init segment message and the first fragment message, parsed. */
    StreamStart readStart() throws Exception {
      Buffer init = (Buffer) next();
      Buffer fragment = (Buffer) next();
      return LiveViewer.readStart(new ByteArrayInputStream(init.appendBuffer(fragment).getBytes()));
    }

    @Override
    public void close() {
      socket.close();
      client.close();
    }
  }

  /** Upgrade attempt that is expected to be refused: the HTTP status, or 101 when it was accepted. */
  static int handshakeStatus(int port, String path) throws Exception {
    WebSocketClient client = VERTX.createWebSocketClient();
    try {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ws.close();
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof io.vertx.core.http.UpgradeRejectedException rejected) {
        return rejected.getStatus();
      }
      throw e;
    } finally {
      client.close();
    }
  }
}
