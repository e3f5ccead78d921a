package org.replprov.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many open connections from one client address: one client (or one attacker) cannot take every
 * connection the daemon allows. A connection over the limit is closed as it opens, before anything is read from it.
 * Refusals are logged at most once a minute per address, so a flood does not become a log flood.
 */
final class ClientConnectionLimit implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ClientConnectionLimit.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final int max;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Long> lastLogged = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    ClientConnectionLimit(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection.getEndPoint() instanceof SocketChannelEndPoint)) {
            return; // the HTTP connection inside a TLS one: its socket was counted already
        }
        InetAddress client = client(connection);
        if (client == null) {
            return;
        }
        AtomicInteger count = open.computeIfAbsent(client, a -> new AtomicInteger());
        int n = count.incrementAndGet();
        if (n > max) {
            count.decrementAndGet();
            refused.incrementAndGet();
            long now = System.nanoTime();
            Long last = lastLogged.get(client);
            if (last == null || now - last > LOG_INTERVAL_NANOS) {
                lastLogged.put(client, now);
                log.warn("Closing connections from {}: it has {} open, the limit per client is {} "
                        + "(limits.maxConnectionsPerClient)", client.getHostAddress(), max, max);
            }
            connection.getEndPoint().close();
            return;
        }
        counted.put(connection, client);
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = counted.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    long refused() {
        return refused.get();
    }

    int open() {
        return counted.size();
    }

    private static InetAddress client(Connection connection) {
        SocketAddress a = connection.getEndPoint().getRemoteSocketAddress();
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
