package io.cameraservice.server;

import io.cameraservice.auth.Session;
import io.cameraservice.events.EventSubscriber;
import io.cameraservice.rpc.RpcConnection;
import io.vertx.core.http.ServerWebSocket;

/** One client's WebSocket, seen by the protocol layer as an {@link RpcConnection} and by events as a subscriber. */
final class WsConnection implements RpcConnection, EventSubscriber {

  private final String id;
  private final ServerWebSocket socket;
  private final String remoteAddress;
  private volatile Session session;

  WsConnection(String id, ServerWebSocket socket, String remoteAddress) {
    this.id = id;
    this.socket = socket;
    this.remoteAddress = remoteAddress;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public void session(Session newSession) {
    this.session = newSession;
  }

  @Override
  public void send(String frame) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(frame);
    }
  }

  @Override
  public boolean deliver(String frame) {
    if (socket.isClosed() || socket.writeQueueFull()) {
      return false;
    }
    socket.writeTextMessage(frame);
    return true;
  }

  void close(short code, String reason) {
    if (!socket.isClosed()) {
      socket.close(code, reason);
    }
  }
}
