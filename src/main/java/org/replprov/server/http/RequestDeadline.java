package org.replprov.server.http;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that take too long to send a request: a new connection that stays silent, or one that trickles
 * bytes without completing a request (the "slowloris" attack). Idle kept-alive connections are left to the idle
 * timeout. No thread waits on a connection meanwhile: each is looked at twice per request timeout (the first look after
 * a whole one).
 *
 * <p>A look finds a connection <em>stalled</em> when bytes arrived since the last look but no request head was
 * completed. Three stalled looks in a row (one to two request timeouts of bytes without a complete request) close it, as
 * does a first look, one request timeout after the connection opened, that finds nothing arrived. A request body is bounded separately,
 * by the same timeout from the end of its head ({@link JettyExchange#readBody()}), so a body under its deadline never
 * makes three stalled looks.
 */
final class RequestDeadline implements Connection.Listener {

    private static final int STALLED_LOOKS = 3;

    private final Scheduler scheduler;
    private final long lookMillis;

    RequestDeadline(Scheduler scheduler, long requestTimeoutMillis) {
        this.scheduler = scheduler;
        this.lookMillis = Math.max(1, requestTimeoutMillis / 2);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection.getMessagesIn() < 0) {
            return; // the TLS layer under an HTTP connection: the HTTP connection is the one watched
        }
        schedule(new Watch(connection), 2 * lookMillis);
    }

    private void schedule(Watch w, long delayMillis) {
        scheduler.schedule(() -> look(w), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void look(Watch w) {
        Connection c = w.connection;
        if (!c.getEndPoint().isOpen()) {
            return;
        }
        long bytes = c.getBytesIn();
        long messages = c.getMessagesIn();
        if (w.first && bytes <= 0) {
            c.getEndPoint().close();
            return;
        }
        w.stalled = bytes > w.bytes && messages == w.messages ? w.stalled + 1 : 0;
        if (w.stalled >= STALLED_LOOKS) {
            c.getEndPoint().close();
            return;
        }
        w.first = false;
        w.bytes = bytes;
        w.messages = messages;
        schedule(w, lookMillis);
    }

    /** What the last look saw; touched by one scheduled task at a time. */
    private static final class Watch {
        final Connection connection;
        boolean first = true;
        long bytes;
        long messages;
        int stalled;

        Watch(Connection connection) {
            this.connection = connection;
        }
    }
}
