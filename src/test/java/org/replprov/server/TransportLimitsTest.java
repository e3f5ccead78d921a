package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * The limits that keep one client from exhausting the daemon: body size, header count and size, the time a request
 * may take to arrive (slow senders), the time a response write may block (clients that stop reading), and the number
 * of connections. Each test also checks that the daemon still serves others afterwards.
 */
class TransportLimitsTest {

    private static final String AUTH = "Authorization: " + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD)
            + "\r\n";
    private static final String ENUMERATE = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
            + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"EnumerateInstances\">"
            + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/></LOCALNAMESPACEPATH>"
            + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"DfsrConnectionInfo\"/></IPARAMVALUE>"
            + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
    private static final String CIM_HEAD = "POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH
            + "Content-Type: application/xml\r\nCIMOperation: MethodCall\r\nCIMMethod: EnumerateInstances\r\n"
            + "CIMObject: root/MicrosoftDfs\r\n";

    private static FixtureProvider operations;
    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        operations = FixtureProvider.dfsr();
        daemon = TestDaemon.start(operations.objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static void assertStillServing() throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            assertThat(http.exchange(CIM_HEAD, ENUMERATE.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedWithoutBeingRead() throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(CIM_HEAD + "Content-Length: " + (TestDaemon.MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualTo("close");
        }
        assertStillServing();
    }

    @Test
    void chunkedBodyOverTheLimitIsRefused() throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(CIM_HEAD + "Transfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = " ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent <= TestDaemon.MAX_REQUEST_BYTES; sent += chunk.length) {
                http.send("2000\r\n");
                http.send(chunk);
                http.send("\r\n");
            }
            assertThat(http.readHead().status()).isEqualTo(413);
        }
        assertStillServing();
    }

    /** Over the header limits: 431 (RFC 6585 §5), worded as CIM-XML since the request was one. */
    @Test
    void tooManyHeadersAreRefused() throws IOException {
        StringBuilder head = new StringBuilder(CIM_HEAD);
        for (int i = 0; i < 100; i++) {
            head.append("X-Filler-").append(i).append(": x\r\n");
        }
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(head + "Content-Length: 0\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(431);
        }
        assertStillServing();
    }

    @Test
    void headersOverTheSizeLimitAreRefused() throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(CIM_HEAD + "X-Filler: " + "x".repeat(10_000) + "\r\nContent-Length: 0\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("CIMError")).isNull();
        }
        assertStillServing();
    }

    @Test
    void slowSenderIsCutOff() throws IOException, InterruptedException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            long started = System.nanoTime();
            http.send("POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            // one header byte a second: never finishes within the request timeout
            boolean closed = false;
            for (int i = 0; i < 12 && !closed; i++) {
                Thread.sleep(1000);
                try {
                    http.send("X");
                } catch (SocketException e) {
                    closed = true;
                }
            }
            closed = closed || http.closedByServer();
            assertThat(closed).as("connection closed by the server").isTrue();
            // RequestDeadline: between one and two request timeouts, then the client's next write notices.
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(TestDaemon.REQUEST_TIMEOUT.multipliedBy(2).plusSeconds(3));
        }
        assertStillServing();
    }

    @Test
    void silentConnectionIsClosed() throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            long started = System.nanoTime();
            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(TestDaemon.REQUEST_TIMEOUT.plusSeconds(4));
        }
    }

    /**
     * A client asks for a large enumeration and never reads: once a write has blocked for the write timeout, the
     * server closes the connection and its thread returns (the aborted-response counter moves). The kernel may still
     * deliver what it had buffered, so the client side is not timed.
     */
    @Test
    void clientThatStopsReadingIsCutOff() throws IOException {
        List<CimInstance> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            added.add(DfsrFixture.connection(String.format("{%08d-0000-0000-0000-000000000000}", i),
                    "{00000000-0000-0000-0000-000000000000}", "PARTNER" + i, true, 1, "20240115103000.000000+000",
                    1, "20240115103000.000000+000", "20240115103000.000000+000", 0, 0));
        }
        added.forEach(operations::put);
        double before = metric("replprov_responses_aborted_total{protocol=\"cimxml\"}");
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.socket().setReceiveBufferSize(4096);
            http.send(CIM_HEAD + "Content-Length: " + ENUMERATE.length() + "\r\n\r\n" + ENUMERATE);
            // Building 20 000 instances takes a while on a loaded machine; then one write blocks for the timeout.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            double after = before;
            while (after == before && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(500));
                after = metric("replprov_responses_aborted_total{protocol=\"cimxml\"}");
            }
            assertThat(after).isEqualTo(before + 1);
        } finally {
            added.forEach(i -> operations.remove(i.path()));
        }
        assertStillServing();
    }

    /** A sample's value from the daemon's /metrics, 0 when absent. */
    private static double metric(String series) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "\r\n");
            return http.read().text().lines().filter(l -> l.startsWith(series + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1))).findFirst().orElse(0);
        }
    }

    /** One client address cannot hold more than its share of connections; other addresses are served meanwhile. */
    @Test
    void connectionsBeyondThePerClientLimitAreClosed() throws IOException {
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 0; i < TestDaemon.MAX_CONNECTIONS_PER_CLIENT; i++) {
                open.add(new RawHttp(daemon.port(), "127.0.0.2"));
            }
            sleep(Duration.ofMillis(300));
            try (RawHttp extra = new RawHttp(daemon.port(), "127.0.0.2")) {
                extra.send(CIM_HEAD + "Content-Length: " + ENUMERATE.length() + "\r\n\r\n" + ENUMERATE);
                assertThat(extra.closedByServer()).as("connection over the per-client limit is closed").isTrue();
            } catch (SocketException closedBeforeSending) {
                // closed on accept, before the request went out
            }
            assertStillServing();
        } finally {
            for (RawHttp h : open) {
                h.close();
            }
        }
        sleep(Duration.ofMillis(300));
        try (RawHttp again = new RawHttp(daemon.port(), "127.0.0.2")) {
            assertThat(again.exchange(CIM_HEAD, ENUMERATE.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
    }

    /**
     * At the total limit, accepting pauses and idle connections are closed after a second, so a new client is
     * answered soon although the idle ones came from many addresses.
     */
    @Test
    void idleConnectionsAtTheTotalLimitMakeRoom() throws IOException {
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 0; i < TestDaemon.MAX_CONNECTIONS; i++) {
                open.add(new RawHttp(daemon.port(), "127.0.1." + (1 + i / TestDaemon.MAX_CONNECTIONS_PER_CLIENT)));
            }
            long started = System.nanoTime();
            assertStillServing();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (RawHttp h : open) {
                h.close();
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
