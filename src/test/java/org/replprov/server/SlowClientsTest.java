package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Clients that send slowly, say nothing, or keep failing their password do not make others wait (issue reports: 17
 * slow senders stalled every request for 10 s; 60 wrong-password clients stalled logged-in users for 6 s). The bounds
 * here are generous, far below what those stalls were; the figures are measured in DaemonBenchmark.
 */
class SlowClientsTest {

    private static final Duration PROMPT = Duration.ofSeconds(3);
    private static final String AUTH = "Authorization: " + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD)
            + "\r\n";

    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static Duration timed(String head) throws IOException {
        long started = System.nanoTime();
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(head + "\r\n");
            assertThat(http.read().status()).isEqualTo(200);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void slowAndSilentConnectionsLeaveTheServerAnswering() throws Exception {
        List<RawHttp> held = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread trickle = null;
        try {
            // 100 silent connections and 100 that trickle a request head, from seven client addresses.
            for (int i = 0; i < 200; i++) {
                RawHttp h = new RawHttp(daemon.port(), "127.0.4." + (1 + i % 7));
                if (i % 2 == 1) {
                    h.send("GET /healthz HTTP/1.1\r\n");
                }
                held.add(h);
            }
            trickle = new Thread(() -> {
                while (!stop.get()) {
                    for (int i = 1; i < held.size(); i += 2) {
                        try {
                            held.get(i).send("X");
                        } catch (IOException closedByTheServer) {
                            // the head deadline: expected after a few seconds
                        }
                    }
                    sleep(Duration.ofMillis(300));
                }
            });
            trickle.start();
            for (int i = 0; i < 20; i++) {
                assertThat(timed("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")).isLessThan(PROMPT);
                assertThat(timed("GET /api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo HTTP/1.1\r\nHost: 127.0.0.1"
                        + "\r\n" + AUTH)).isLessThan(PROMPT);
                sleep(Duration.ofMillis(200));
            }
        } finally {
            stop.set(true);
            if (trickle != null) {
                trickle.join();
            }
            for (RawHttp h : held) {
                h.close();
            }
        }
    }

    @Test
    void wrongPasswordFloodsDoNotSlowOthersAndAreThrottled() throws Exception {
        String wrong = "Authorization: " + TestDaemon.basic(TestDaemon.OPERATOR, "wrong") + "\r\n";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger throttled = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(60);
        List<Thread> attackers = new ArrayList<>();
        for (int a = 0; a < 60; a++) {
            String from = "127.0.5." + (1 + a % 30);
            Thread t = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    try (RawHttp http = new RawHttp(daemon.port(), from)) {
                        http.send("GET /api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo HTTP/1.1\r\nHost: 127.0.0.1"
                                + "\r\n" + wrong + "\r\n");
                        RawHttp.Response r = http.read();
                        if (r.status() == 429) {
                            throttled.incrementAndGet();
                            assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
                        } else if (r.status() != 401 && r.status() != 503) {
                            unexpected.add(from + ": " + r.status());
                        }
                    } catch (IOException | AssertionError e) {
                        unexpected.add(from + ": " + e);
                    }
                }
            });
            attackers.add(t);
            t.start();
        }
        try {
            started.await();
            sleep(Duration.ofMillis(500));
            for (int i = 0; i < 20; i++) {
                assertThat(timed("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")).isLessThan(PROMPT);
                assertThat(timed("GET /api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo HTTP/1.1\r\nHost: 127.0.0.1"
                        + "\r\n" + AUTH)).isLessThan(PROMPT);
                sleep(Duration.ofMillis(100));
            }
        } finally {
            stop.set(true);
            for (Thread t : attackers) {
                t.join();
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(throttled.get()).as("clients that keep failing are answered 429").isPositive();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
