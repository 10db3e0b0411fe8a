package io.cameraservice.server;

import io.cameraservice.auth.Session;
import io.cameraservice.events.EventSubscriber;
import io.cameraservice.rpc.RpcConnection;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client's WebSocket, seen by the protocol layer as an {@link RpcConnection} and by events as a subscriber.
 * Notifications are written on the socket's own event loop, where "write queue full" means the socket's outbound
 * buffer (bytes) is over its bound; then the notification is dropped and counted.
 */
final class WsConnection implements RpcConnection, EventSubscriber {

  private final String id;
  private final ServerWebSocket socket;
  private final String remoteAddress;
  private final Context context;
  private final Counter delivered;
  private final Counter dropped;
  private volatile Session session;

  WsConnection(String id, ServerWebSocket socket, String remoteAddress, Context context, Counter delivered,
      Counter dropped) {
    this.id = id;
    this.socket = socket;
    this.remoteAddress = remoteAddress;
    this.context = context;
    this.delivered = delivered;
    this.dropped = dropped;
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
  public void deliver(String frame) {
    if (Vertx.currentContext() == context) {
      writeNotification(frame);
    } else {
      context.runOnContext(v -> writeNotification(frame));
    }
  }

  private void writeNotification(String frame) {
    if (socket.isClosed() || socket.writeQueueFull()) {
      dropped.increment();
      return;
    }
    socket.writeTextMessage(frame);
    delivered.increment();
  }

  void close(short code, String reason) {
    if (!socket.isClosed()) {
      socket.close(code, reason);
    }
  }
}
