package org.replprov.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.replprov.testing.DfsrStack;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * The daemon benchmark of docs/performance.md, outside {@code mvn verify}: run it with
 * {@code mvn -q -Pbench verify}. It prints one line per measurement. Start-to-ready is measured on the built jar by
 * {@code scripts/bench-start}.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonBenchmark {

    private static final String AUTH = "Authorization: " + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD)
            + "\r\n";
    private static final String NS = "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/>"
            + "</LOCALNAMESPACEPATH>";

    private static String head(String method, String object) {
        return "POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: application/xml; charset=\"utf-8\""
                + "\r\nCIMOperation: MethodCall\r\nCIMMethod: " + method + "\r\nCIMObject: " + object + "\r\n";
    }

    private static byte[] body(String call) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"1\" "
                + "PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>" + call + "</SIMPLEREQ></MESSAGE></CIM>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] ENUMERATE = body("<IMETHODCALL NAME=\"EnumerateInstances\">" + NS
            + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"DfsrConnectionInfo\"/></IPARAMVALUE></IMETHODCALL>");
    private static final byte[] EXEC_QUERY = body("<IMETHODCALL NAME=\"ExecQuery\">" + NS
            + "<IPARAMVALUE NAME=\"QueryLanguage\"><VALUE>WQL</VALUE></IPARAMVALUE><IPARAMVALUE NAME=\"Query\">"
            + "<VALUE>SELECT * FROM DfsrConnectionInfo WHERE ReplicationGroupName = 'Branch Office Data'</VALUE>"
            + "</IPARAMVALUE>"
            + "</IMETHODCALL>");
    private static final byte[] INVOKE = body("<METHODCALL NAME=\"ForceReplication\"><LOCALINSTANCEPATH>" + NS
            + "<INSTANCENAME CLASSNAME=\"DfsrConnectionInfo\"><KEYBINDING NAME=\"ConnectionGuid\"><KEYVALUE>"
            + DfsrStack.guid(1) + "</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH><PARAMVALUE "
            + "NAME=\"Mode\"><VALUE>2</VALUE></PARAMVALUE><PARAMVALUE NAME=\"DurationInMin\"><VALUE>15</VALUE>"
            + "</PARAMVALUE><PARAMVALUE NAME=\"Bandwidth\"><VALUE>15</VALUE></PARAMVALUE></METHODCALL>");

    @Test
    @Order(2)
    void serializationThroughput() throws IOException {
        for (int size : new int[] {10_000, 100_000}) {
            // The two standard connections and size - 2 more: size instances in all.
            try (DfsrStack stack = DfsrStack.start(size - 2);
                 TestDaemon daemon = TestDaemon.start(stack.objectManager())) {
                measure(daemon, size, "EnumerateInstances", head("EnumerateInstances", "root/MicrosoftDfs"),
                        ENUMERATE, "<VALUE.NAMEDINSTANCE>");
                measure(daemon, size, "ExecQuery", head("ExecQuery", "root/MicrosoftDfs"), EXEC_QUERY,
                        "<VALUE.OBJECTWITHPATH>");
            }
        }
    }

    /**
     * Best of ten round trips (request sent, every byte of the answer read and dropped, as a streaming client would)
     * after at least three seconds of warm-up runs; the first run also checks the answer holds {@code size}
     * instances.
     */
    private static void measure(TestDaemon daemon, int size, String operation, String head, byte[] body,
                                String item) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            RawHttp.Response r = http.exchange(head, body);
            int count = count(r.text(), item);
            if (r.status() != 200 || count != size) {
                throw new IllegalStateException(operation + " answered " + r.status() + " with " + count + " of "
                        + size + " instances");
            }
        }
        long warmUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < warmUntil) {
            roundTrip(daemon, head, body);
        }
        long best = Long.MAX_VALUE;
        long bytes = 0;
        for (int run = 0; run < 10; run++) {
            long t0 = System.nanoTime();
            bytes = roundTrip(daemon, head, body);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "BENCH %-18s %7d instances  %8.1f ms  %9.0f instances/s  %6.1f MB/s  %s%n",
                operation, size, best / 1e6, size / (best / 1e9), bytes / 1e6 / (best / 1e9), load());
    }

    /** One request on a new connection, its answer read and dropped; returns the answer's length. */
    private static long roundTrip(TestDaemon daemon, String head, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(head + "Content-Length: " + body.length + "\r\n\r\n");
            http.send(body);
            return http.discardBody(http.readHead());
        }
    }

    /** The machine's one-minute load average, printed with each result: other processes skew loopback numbers. */
    private static String load() {
        return String.format(Locale.ROOT, "(load %.1f on %d CPUs)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static int count(String text, String item) {
        int n = 0;
        for (int i = text.indexOf(item); i >= 0; i = text.indexOf(item, i + item.length())) {
            n++;
        }
        return n;
    }

    /**
     * InvokeMethod round trips with fifty clients, each on its own connection: first paced (each client starts a call
     * every 50 ms, 1 000 calls/s in all), which is what the latency target is about; then saturated (each client
     * calls again as soon as it has an answer), which shows the throughput and how latency grows with queueing.
     */
    @Test
    @Order(1)
    void invokeMethodRoundTripsUnderFiftyClients() throws Exception {
        try (DfsrStack stack = DfsrStack.start(); TestDaemon daemon = TestDaemon.start(stack.objectManager())) {
            invokeRun(daemon, "paced 20/s per client", Duration.ofMillis(50));
            invokeRun(daemon, "saturated", Duration.ZERO);
        }
    }

    private static void invokeRun(TestDaemon daemon, String name, Duration interval) throws InterruptedException {
        // Start from a collected heap, so that an earlier run's garbage does not pause this one.
        System.gc();
        int clients = 50;
        Duration run = Duration.ofSeconds(20);
        String head = head("ForceReplication", "root/MicrosoftDfs:DfsrConnectionInfo");
        List<long[]> perClient = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        long warmUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long end = warmUntil + run.toNanos();
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[100_000];
            perClient.add(samples);
            long offset = interval.toNanos() * c / clients;
            // Four client addresses: the test daemon allows 32 connections from one.
            String from = "127.0.8." + (1 + c % 4);
            new Thread(() -> {
                int n = 0;
                try (RawHttp http = new RawHttp(daemon.port(), from)) {
                    long next = System.nanoTime() + offset;
                    while (System.nanoTime() < end) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        next += interval.toNanos();
                        long t0 = System.nanoTime();
                        RawHttp.Response r = http.exchange(head, INVOKE);
                        long t = System.nanoTime() - t0;
                        if (r.status() != 200) {
                            throw new IllegalStateException("status " + r.status());
                        }
                        if (t0 > warmUntil && n < samples.length - 1) {
                            samples[n++] = t;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    samples[samples.length - 1] = n;
                    done.countDown();
                }
            }).start();
        }
        done.await();
        long[] all = perClient.stream().flatMapToLong(s -> Arrays.stream(s, 0, (int) s[s.length - 1]))
                .sorted().toArray();
        System.out.printf(Locale.ROOT, "BENCH InvokeMethod %d clients %-22s %6d calls in %d s (%5.0f/s)  p50 %6.2f ms"
                        + "  p99 %6.2f ms  max %7.2f ms  %s%n", clients, name, all.length, run.toSeconds(),
                all.length / (double) run.toSeconds(), all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, load());
    }
}
