package org.replprov.engines.windows.wsman;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.replprov.cim.CimInstance;

/**
 * One WS-Management round trip over loopback, HTTPS with Basic against HTTP with NTLM and sealed messages, on the
 * test servers: a Get of DfsrInfo (a small answer), an Enumerate of 100 DfsrConnectionInfo instances in one page
 * (about 150 KiB), and with NTLM a new connection's handshake plus one Get. Results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WsmanTransportBenchmark {

    private Path dir;
    private WsmanServer https;
    private WsmanServer http;
    private WsmanClient basic;
    private WsmanClient ntlm;

    @Setup(Level.Trial)
    public void start() throws Exception {
        // The JDK's HTTP server writes an answer's head and body apart; without this, Nagle and the client's delayed
        // ACK add some 40 ms to every small answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        dir = Files.createTempDirectory("wsman-bench");
        https = WsmanServer.start(dir, "user", "s3cret");
        http = WsmanServer.startNtlm(new NtlmAcceptor.Account("REPLPROV", "replprov.test", "operator", "pw"));
        List<CimInstance> connections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            connections.add(WsmanClientTest.FS01.connection(new UUID(0x1000, i), WsmanClientTest.FS02,
                    WsmanClientTest.GROUP, "RG-Data", true, i % 4, 0, 0));
        }
        for (WsmanServer s : List.of(https, http)) {
            s.serve("DfsrConnectionInfo", connections).serve("DfsrInfo", List.of(WsmanClientTest.FS01.info(1)));
        }
        basic = new WsmanClient(WsmanSettings.of(https.endpoint(), "user", "s3cret",
                WsmanClient.trusting(https.certificate()), Duration.ofSeconds(10)));
        ntlm = new WsmanClient(WsmanSettings.of(http.endpoint(), "REPLPROV\\operator", "pw",
                SSLContext.getDefault(), Duration.ofSeconds(10)));
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        basic.close();
        ntlm.close();
        https.close();
        http.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public CimInstance getBasicHttps() throws WsmanException {
        return basic.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of());
    }

    @Benchmark
    public CimInstance getNtlmSealed() throws WsmanException {
        return ntlm.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of());
    }

    @Benchmark
    public List<CimInstance> enumerate100BasicHttps() throws WsmanException {
        return basic.enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo");
    }

    @Benchmark
    public List<CimInstance> enumerate100NtlmSealed() throws WsmanException {
        return ntlm.enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo");
    }

    @Benchmark
    public CimInstance getNtlmOnANewConnection() throws WsmanException {
        ntlm.close();
        return ntlm.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of());
    }
}
