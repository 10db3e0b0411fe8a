package io.cameraservice.server;

import io.cameraservice.auth.Session;
import io.cameraservice.domain.Caller;
import io.cameraservice.events.EventSubscriber;
import io.cameraservice.rpc.RpcConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.TimeUnit;

/**
 * One client's WebSocket, seen by the protocol layer as an {@link RpcConnection} and by events as a subscriber.
 * Everything is written on the socket's own event loop, where "write queue full" means the socket's outbound buffer
 * (bytes) is over its bound. Then notifications are dropped and counted, while responses are still written (never
 * dropped) but the socket stops being read; if it has not drained within the grace period its TCP connection is
 * reset. No close frame is sent first: a client that does not read would never take one queued behind its unread
 * answers, and starting Vert.x's closing handshake next to the reset made the two close the channel twice.
 */
final class WsConnection implements RpcConnection, EventSubscriber {

  private static final short POLICY_VIOLATION = 1008;
  /**
   * Messages of one socket handled at once; past it the socket is not read until one is answered. Requests arrive
   * far faster than answers are made, so without it a client that never reads had all its requests read and
   * answered before its outbound buffer was ever over the bound.
   */
  private static final int MAX_MESSAGES_IN_PROGRESS = 32;

  private final String id;
  private final ServerWebSocket socket;
  private final String remoteAddress;
  private final Context context;
  private final String eventLoop = Thread.currentThread().getName();
  private final ConnectionRegistry registry;
  private final NotificationBatch notifications;
  private final long graceMillis;
  private final UnauthenticatedSockets unauthenticated;
  private final ConnectionGate gate;
  /** Whether the socket still counts against the connection caps ({@code limits.max_connections}). Event loop only. */
  private boolean counted = true;
  private volatile Session session;
  /** This socket's place among the unauthenticated ones until it authenticates or closes. Event loop only. */
  private UnauthenticatedSockets.Ticket unauthenticatedPlace;
  private long authDeadline = -1;
  /** Timer closing the socket if it does not drain; -1 when the socket is not over its bound. Event loop only. */
  private long slowTimer = -1;
  /** Messages read and not yet answered. Event loop only. */
  private int messagesInProgress;
  /** Whether the socket is being read (not paused). Event loop only. */
  private boolean reading = true;

  WsConnection(String id, ServerWebSocket socket, String remoteAddress, Context context, ConnectionRegistry registry,
      long graceMillis, UnauthenticatedSockets unauthenticated, ConnectionGate gate) {
    this.unauthenticated = unauthenticated;
    this.gate = gate;
    this.id = id;
    this.socket = socket;
    this.remoteAddress = remoteAddress;
    this.context = context;
    this.registry = registry;
    this.notifications = registry.batchFor(context);
    this.graceMillis = graceMillis;
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
  public Caller caller() {
    return session;
  }

  @Override
  public void caller(Caller caller) {
    this.session = Session.of(caller);
    if (session != null) {
      context.runOnContext(v -> leaveUnauthenticatedBudget());
    }
  }

  /**
   * Takes a place among the unauthenticated sockets (which may close an older one to make room) and starts the
   * deadline to authenticate: a fixed timer, so traffic such as {@code ping} does not extend it. Past it the socket
   * is closed with 1008.
   */
  void awaitAuthentication(long millis) {
    unauthenticatedPlace = unauthenticated.admit(remoteAddress, this::closeUnauthenticated);
    authDeadline = context.owner().setTimer(millis, t -> {
      authDeadline = -1;
      if (session == null && !socket.isClosed()) {
        registry.authTimeouts.increment();
        closeUnauthenticatedNow(POLICY_VIOLATION, "authentication timeout");
      }
    });
  }

  /** Made to leave for a newer unauthenticated socket (from any loop): closed unless it authenticated meanwhile. */
  private void closeUnauthenticated(short code, String reason) {
    context.runOnContext(v -> {
      if (session == null) {
        closeUnauthenticatedNow(code, reason);
      }
    });
  }

  /**
   * Closes a socket that did not authenticate, giving its place under the connection caps back at once: the closing
   * handshake may take up to Vert.x's closing timeout, and sockets being closed for newer ones once filled
   * {@code limits.max_connections} during a reconnecting flood. Its TCP connection still counts against the HTTP
   * connection caps until it is gone.
   */
  private void closeUnauthenticatedNow(short code, String reason) {
    leaveConnectionCaps();
    close(code, reason);
  }

  /** Gives the socket's place under {@code limits.max_connections} back, once (event loop). */
  void leaveConnectionCaps() {
    if (counted) {
      counted = false;
      gate.release(remoteAddress);
    }
  }

  /** The socket authenticated or closed: its place among the unauthenticated ones is given back, once. */
  void leaveUnauthenticatedBudget() {
    if (authDeadline >= 0) {
      context.owner().cancelTimer(authDeadline);
      authDeadline = -1;
    }
    if (unauthenticatedPlace != null) {
      unauthenticated.leave(unauthenticatedPlace);
    }
  }

  @Override
  public void send(String frame) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> send(frame));
      return;
    }
    if (socket.isClosed()) {
      return;
    }
    socket.writeTextMessage(frame);
    if (slowTimer < 0 && socket.writeQueueFull()) {
      holdBack();
    }
  }

  @Override
  public void deliver(String frame) {
    long queuedAt = System.nanoTime();
    if (Vertx.currentContext() == context) {
      writeNotification(frame, queuedAt);
    } else {
      notifications.add(() -> writeNotification(frame, queuedAt));
    }
  }

  private void writeNotification(String frame, long queuedAt) {
    if (socket.isClosed() || socket.writeQueueFull()) {
      registry.notificationsDropped.increment();
      return;
    }
    socket.writeTextMessage(frame);
    registry.notificationDelivery.record(System.nanoTime() - queuedAt, TimeUnit.NANOSECONDS);
  }

  /** A message was read (on the event loop); {@code done} completes when it has been answered. */
  void handling(Future<Void> done) {
    messagesInProgress++;
    updateReading();
    done.onComplete(v -> context.runOnContext(x -> {
      messagesInProgress--;
      updateReading();
    }));
  }

  /** The client is not reading its answers: stop reading its requests and give it the grace period to catch up. */
  private void holdBack() {
    socket.drainHandler(v -> {
      if (slowTimer >= 0) {
        context.owner().cancelTimer(slowTimer);
        slowTimer = -1;
      }
      updateReading();
    });
    slowTimer = context.owner().setTimer(graceMillis, t -> {
      slowTimer = -1;
      if (!socket.isClosed() && socket.writeQueueFull()) {
        registry.slowConsumersClosed.increment();
        SocketAbort.abort(socket);
      } else {
        updateReading();
      }
    });
    updateReading();
  }

  /** Reads the socket only while it is not over its outbound bound and not too many of its messages are in progress. */
  private void updateReading() {
    boolean read = slowTimer < 0 && messagesInProgress < MAX_MESSAGES_IN_PROGRESS;
    if (read != reading && !socket.isClosed()) {
      reading = read;
      if (read) {
        socket.resume();
      } else {
        socket.pause();
      }
    }
  }

  /** The event loop this socket lives on (its thread's name). */
  String eventLoop() {
    return eventLoop;
  }

  void close(short code, String reason) {
    if (!socket.isClosed()) {
      socket.close(code, reason);
    }
  }
}
