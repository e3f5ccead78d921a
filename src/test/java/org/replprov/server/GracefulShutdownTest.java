package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/** Stopping (what SIGTERM does): in-flight requests finish, new ones are refused, and stopping does not linger. */
class GracefulShutdownTest {

    private static final String INVOKE = "{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\"" + DfsrFixture.GUID_1
            + "\\\"\", \"method\": \"CheckConnectivity\"}";

    private static String invokeRequest() {
        return "POST /api/v1/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: "
                + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD) + "\r\nContent-Length: "
                + INVOKE.length() + "\r\n\r\n" + INVOKE;
    }

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        FixtureProvider operations = FixtureProvider.dfsr();
        operations.methodDelay(Duration.ofMillis(1500));
        TestDaemon daemon = TestDaemon.start(operations.objectManager());
        int port = daemon.port();
        RawHttp slow = new RawHttp(port);
        RawHttp idle = new RawHttp(port);
        try (slow; idle) {
            slow.send(invokeRequest());
            CompletableFuture<RawHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return slow.read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (operations.calls().isEmpty()) {
                Thread.sleep(10);
            }
            long started = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(daemon::close);
            Thread.sleep(200);

            // A kept-alive connection that sends a request now gets 503 while the daemon waits.
            idle.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(idle.read().status()).isEqualTo(503);

            RawHttp.Response r = inFlight.get();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).contains("\"returnValue\":0");
            stopping.get();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThan(Duration.ofMillis(1000)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(refused(port)).as("the listener is closed").isTrue();
    }

    private static boolean refused(int port) throws IOException {
        try (RawHttp ignored = new RawHttp(port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
