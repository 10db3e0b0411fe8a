package io.cameraservice.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The sockets that have not authenticated yet: at most {@code server.max_unauthenticated_connections} in all and
 * {@code server.max_unauthenticated_connections_per_address} per address. A newcomer is always admitted, since it
 * cannot authenticate before it is in: when its address is at its cap, that address's oldest unauthenticated socket
 * makes room; when the budget is full, the oldest socket of the address holding the most makes room. So a flood of
 * idle sockets only shortens how long an idle socket may stay, and a real client, which holds one socket for the few
 * milliseconds it takes to authenticate, is never the one chosen unless every address holds a single socket. Before,
 * newcomers were refused with 503 once the budget was spent, and 500 idle sockets kept every real client out.
 * Thread-safe: every event loop's server shares one; the work under the lock is constant-time.
 */
final class UnauthenticatedSockets {

  private static final short TRY_AGAIN_LATER = 1013;

  private final int max;
  private final int maxPerAddress;
  private final Map<String, LinkedHashSet<Ticket>> byAddress = new HashMap<>();
  /** Index n: the addresses holding n sockets, in the order they reached n. */
  private final List<LinkedHashSet<String>> holding = new ArrayList<>();
  private final Counter addressEvictions;
  private final Counter budgetEvictions;
  private int open;

  UnauthenticatedSockets(int max, int maxPerAddress, MeterRegistry registry) {
    this.max = max;
    this.maxPerAddress = maxPerAddress;
    for (int n = 0; n <= maxPerAddress; n++) {
      holding.add(new LinkedHashSet<>());
    }
    addressEvictions = evictions(registry, "max_unauthenticated_connections_per_address");
    budgetEvictions = evictions(registry, "max_unauthenticated_connections");
  }

  private static Counter evictions(MeterRegistry registry, String scope) {
    return Counter.builder("unauthenticated_evictions").tag("scope", scope)
        .description("Unauthenticated sockets closed with 1013 to make room for a newer one")
        .register(registry);
  }

  /** One unauthenticated socket's place. */
  static final class Ticket {
    private final String address;
    private final CloseAction close;
    private boolean held = true;

    private Ticket(String address, CloseAction close) {
      this.address = address;
      this.close = close;
    }
  }

  /** Closes a socket made to leave (thread-safe: it is called from whichever loop admitted the newcomer). */
  @FunctionalInterface
  interface CloseAction {
    void close(short code, String reason);
  }

  /** Admits a new socket from {@code address}, closing the one that makes room if either cap is reached. */
  Ticket admit(String address, CloseAction close) {
    Ticket evicted = null;
    String reason = null;
    Ticket ticket = new Ticket(address, close);
    synchronized (this) {
      LinkedHashSet<Ticket> own = byAddress.get(address);
      if (own != null && own.size() >= maxPerAddress) {
        evicted = own.iterator().next();
        reason = "too many unauthenticated sockets from this address";
        addressEvictions.increment();
      } else if (open >= max) {
        evicted = byAddress.get(holding.get(mostHeld()).iterator().next()).iterator().next();
        reason = "too many unauthenticated sockets";
        budgetEvictions.increment();
      }
      if (evicted != null) {
        remove(evicted);
      }
      byAddress.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(ticket);
      moved(address, byAddress.get(address).size() - 1);
      open++;
    }
    if (evicted != null) {
      evicted.close.close(TRY_AGAIN_LATER, reason);
    }
    return ticket;
  }

  /** Gives the place back (the socket authenticated or closed); nothing if it was already given back. */
  synchronized void leave(Ticket ticket) {
    if (ticket.held) {
      remove(ticket);
    }
  }

  private void remove(Ticket ticket) {
    ticket.held = false;
    LinkedHashSet<Ticket> own = byAddress.get(ticket.address);
    own.remove(ticket);
    if (own.isEmpty()) {
      byAddress.remove(ticket.address);
    }
    moved(ticket.address, own.size() + 1);
    open--;
  }

  /** The address now holds one socket more or fewer than {@code before}. */
  private void moved(String address, int before) {
    holding.get(before).remove(address);
    LinkedHashSet<Ticket> own = byAddress.get(address);
    if (own != null) {
      holding.get(own.size()).add(address);
    }
  }

  /** The largest number of sockets any address holds (called only when some socket is held). */
  private int mostHeld() {
    int n = maxPerAddress;
    while (holding.get(n).isEmpty()) {
      n--;
    }
    return n;
  }
}
