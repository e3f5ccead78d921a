package org.replprov.bench;

import java.io.IOException;
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
import org.replprov.cim.CimInstance;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * The daemon benchmark of docs/performance.md, outside {@code mvn verify}: run it with
 * {@code mvn -q -Pbench verify}. It prints one line per measurement.
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
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" "
                + "PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>" + call + "</SIMPLEREQ></MESSAGE></CIM>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] ENUMERATE = body("<IMETHODCALL NAME=\"EnumerateInstances\">" + NS
            + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"DfsrConnectionInfo\"/></IPARAMVALUE></IMETHODCALL>");
    private static final byte[] EXEC_QUERY = body("<IMETHODCALL NAME=\"ExecQuery\">" + NS
            + "<IPARAMVALUE NAME=\"QueryLanguage\"><VALUE>WQL</VALUE></IPARAMVALUE><IPARAMVALUE NAME=\"Query\">"
            + "<VALUE>SELECT * FROM DfsrConnectionInfo WHERE ReplicationGroupName = 'RG-Data'</VALUE></IPARAMVALUE>"
            + "</IMETHODCALL>");
    private static final byte[] INVOKE = body("<METHODCALL NAME=\"ForceReplication\"><LOCALINSTANCEPATH>" + NS
            + "<INSTANCENAME CLASSNAME=\"DfsrConnectionInfo\"><KEYBINDING NAME=\"ConnectionGuid\"><KEYVALUE>"
            + DfsrFixture.GUID_1 + "</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH><PARAMVALUE "
            + "NAME=\"Mode\"><VALUE>2</VALUE></PARAMVALUE><PARAMVALUE NAME=\"DurationInMin\"><VALUE>15</VALUE>"
            + "</PARAMVALUE><PARAMVALUE NAME=\"Bandwidth\"><VALUE>15</VALUE></PARAMVALUE></METHODCALL>");

    @Test
    @Order(1)
    void serializationThroughput() throws IOException {
        for (int size : new int[] {10_000, 100_000}) {
            FixtureProvider operations = FixtureProvider.dfsr();
            operations.clear();
            for (int i = 0; i < size; i++) {
                operations.put(connection(i));
            }
            try (TestDaemon daemon = TestDaemon.start(operations.objectManager())) {
                measure(daemon, size, "EnumerateInstances", head("EnumerateInstances", "root/MicrosoftDfs"),
                        ENUMERATE, "<VALUE.NAMEDINSTANCE>");
                measure(daemon, size, "ExecQuery", head("ExecQuery", "root/MicrosoftDfs"), EXEC_QUERY,
                        "<VALUE.OBJECTWITHPATH>");
            }
        }
    }

    private static CimInstance connection(int i) {
        return DfsrFixture.connection(String.format("{%08X-0C4B-4D8E-9A57-1B2C3D4E5F60}", i),
                "{66666666-7777-8888-9999-AAAAAAAAAAAA}", "FS" + i, i % 2 == 0, i % 4, "20240115103000.000000+000", 42,
                "20240115090000.000000+000", "20240115110000.000000+000", 0, 0);
    }

    /** Best of ten full round trips (request, every byte of the answer read), after three warm-up runs. */
    private static void measure(TestDaemon daemon, int size, String operation, String head, byte[] body,
                                String item) throws IOException {
        long best = Long.MAX_VALUE;
        long bytes = 0;
        for (int run = 0; run < 13; run++) {
            try (RawHttp http = new RawHttp(daemon.port())) {
                long t0 = System.nanoTime();
                RawHttp.Response r = http.exchange(head, body);
                long t = System.nanoTime() - t0;
                if (r.status() != 200) {
                    throw new IllegalStateException(operation + " answered " + r.status());
                }
                if (run == 0) {
                    int count = count(r.text(), item);
                    if (count != size) {
                        throw new IllegalStateException(operation + " returned " + count + " of " + size);
                    }
                }
                bytes = r.body().length;
                if (run >= 3) {
                    best = Math.min(best, t);
                }
            }
        }
        System.out.printf(Locale.ROOT, "BENCH %-18s %7d instances  %8.1f ms  %9.0f instances/s  %6.1f MB/s%n",
                operation, size, best / 1e6, size / (best / 1e9), bytes / 1e6 / (best / 1e9));
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
    @Order(2)
    void invokeMethodRoundTripsUnderFiftyClients() throws Exception {
        try (TestDaemon daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager())) {
            invokeRun(daemon, "paced 20/s per client", Duration.ofMillis(50));
            invokeRun(daemon, "saturated", Duration.ZERO);
        }
    }

    private static void invokeRun(TestDaemon daemon, String name, Duration interval) throws InterruptedException {
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
            new Thread(() -> {
                int n = 0;
                try (RawHttp http = new RawHttp(daemon.port())) {
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
                        + "  p99 %6.2f ms  max %7.2f ms%n", clients, name, all.length, run.toSeconds(),
                all.length / (double) run.toSeconds(), all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
    }
}
