package org.replprov.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Latency of well-behaved requests while hostile clients are connected (docs/performance.md, "Hostile clients"):
 * 200 slow or silent connections, and 60 clients sending wrong passwords. Run with {@code mvn -q -Pbench verify};
 * prints one BENCH line per measurement.
 */
@Tag("benchmark")
class HostileClientsBenchmark {

    private static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String QUERY = "GET /api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo HTTP/1.1\r\nHost: "
            + "127.0.0.1\r\nAuthorization: " + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD) + "\r\n\r\n";

    @Test
    void healthWithSlowAndSilentConnections() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager())) {
            report("healthz, no load", sample(daemon, HEALTH, 2000));
            List<RawHttp> held = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread keeper = new Thread(() -> {
                // Keeps 100 silent and 100 trickling connections open: reopens those the daemon closes.
                while (!stop.get()) {
                    synchronized (held) {
                        for (int i = 0; i < held.size(); i++) {
                            try {
                                if (i % 2 == 1) {
                                    held.get(i).send("X");
                                }
                            } catch (IOException closed) {
                                held.set(i, open(daemon, i));
                            }
                        }
                    }
                    pause(200);
                }
            });
            for (int i = 0; i < 200; i++) {
                held.add(open(daemon, i));
            }
            keeper.start();
            try {
                report("healthz, 200 slow or silent connections", sample(daemon, HEALTH, 2000));
                report("query, 200 slow or silent connections", sample(daemon, QUERY, 1000));
            } finally {
                stop.set(true);
                keeper.join();
                synchronized (held) {
                    for (RawHttp h : held) {
                        h.close();
                    }
                }
            }
        }
    }

    @Test
    void loggedInUsersDuringAWrongPasswordFlood() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager())) {
            String wrong = QUERY.replace(TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD),
                    TestDaemon.basic(TestDaemon.OPERATOR, "wrong"));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> attackers = new ArrayList<>();
            for (int a = 0; a < 60; a++) {
                String from = "127.0.6." + (1 + a);
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try (RawHttp http = new RawHttp(daemon.port(), from)) {
                            http.send(wrong);
                            http.read();
                        } catch (IOException ignored) {
                            // counted by the daemon; the benchmark measures the others
                        }
                    }
                });
                attackers.add(t);
                t.start();
            }
            try {
                pause(1000);
                report("query, 60 wrong-password clients", sample(daemon, QUERY, 1000));
                report("healthz, 60 wrong-password clients", sample(daemon, HEALTH, 1000));
            } finally {
                stop.set(true);
                for (Thread t : attackers) {
                    t.join();
                }
            }
        }
    }

    private static RawHttp open(TestDaemon daemon, int i) {
        try {
            RawHttp h = new RawHttp(daemon.port(), "127.0.7." + (1 + i % 8));
            if (i % 2 == 1) {
                h.send("GET /healthz HTTP/1.1\r\n");
            }
            return h;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Milliseconds per request (connect, send, read the whole answer), one after another. */
    private static double[] sample(TestDaemon daemon, String request, int n) throws IOException {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (RawHttp http = new RawHttp(daemon.port())) {
                http.send(request);
                int status = http.read().status();
                if (status != 200) {
                    throw new IllegalStateException("status " + status);
                }
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "BENCH %s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, s.length,
                s[s.length / 2], s[(int) Math.ceil(s.length * 0.99) - 1], s[s.length - 1]);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
