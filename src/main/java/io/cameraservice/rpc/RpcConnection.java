package io.cameraservice.rpc;

import io.cameraservice.domain.Caller;

/** The transport side of one client as the protocol layer sees it: where answers go and who is calling. */
public interface RpcConnection {

  /** Unique id of this connection (reported to the client as {@code client_id}). */
  String id();

  /** The client's IP address, as used for per-address limits. */
  String remoteAddress();

  /** Who has authenticated on this connection, or null. */
  Caller caller();

  void caller(Caller caller);

  /** Sends a response frame. Responses are never dropped silently; see the transport for slow clients. */
  void send(String frame);
}
