package io.cameraservice.rpc;

import java.util.List;

/**
 * A notification the server pushes: its JSON-RPC method, the topics that carry it (a client subscribes to topics,
 * not methods), the role a client needs to receive it, and what its params hold. For the published reference.
 */
public record NotificationSpec(String method, List<String> topics, Access access, String summary, String params) {

  public NotificationSpec {
    topics = List.copyOf(topics);
  }
}
