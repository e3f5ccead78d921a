package org.replprov.provider;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import org.openjdk.jmh.infra.Blackhole;
import org.replprov.cim.CimObjectPath;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.SyncResults;
import org.replprov.mof.MofCompiler;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.state.StateStore;
import org.replprov.testing.Links;

/**
 * The object manager over the DfsrConnectionInfo provider at 100 000 connections: heap per connection (measured in the
 * set-up and printed: after loading, and again once every instance has been built and kept by the provider's query
 * tables), and the cost of enumerating, querying with WQL and getting one instance, each through every check of the
 * object manager. Results and the command are in docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObjectManagerBenchmark {

    static final int CONNECTIONS = Integer.getInteger("bench.connections", 100_000);
    static final String NS = DfsrSchema.NAMESPACE;
    static final EngineError UNREACHABLE = EngineError.text(ConnectionFailure.SERVICE_UNREACHABLE, "unreachable");

    /** An engine that reports what the benchmark tells it and keeps nothing, so the heap figures are the provider's. */
    static final class FactsOnly implements ReplicationEngine {
        volatile Observer observer;

        @Override
        public void start(Observer o) {
            observer = o;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public void close() {
        }
    }
    static final String IN_ERROR = "SELECT * FROM DfsrConnectionInfo WHERE State = 3";
    static final String OUTBOUND_NAMES = "SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = FALSE";

    /**
     * 100 000 links reported as facts by an engine, 75 % inbound with sync results, each then Online or (one in ten)
     * In Error after its retries, which the provider reaches through Connecting; every change saved to SQLite (the
     * loading time counts until the reports are taken, and again until they are all saved).
     */
    @State(Scope.Benchmark)
    public static class Loaded {
        Path stateDirectory;
        FactsOnly engine;
        EngineHost host;
        StateStore state;
        ObjectManager om;
        CimObjectPath[] paths;
        int next;
        /** Inbound connections that are Online after loading, and whether each is Online now. */
        int[] toggled;
        boolean[] online;
        int nextToggle;

        @Setup(Level.Trial)
        public void load() throws Exception {
            stateDirectory = Files.createTempDirectory("replprov-bench");
            var repository = MofCompiler.loadShippedSchema();
            engine = new FactsOnly();
            host = EngineHost.builder().engine("fake", engine).build();
            state = StateStore.open(stateDirectory);
            var dfsr = DfsrConnectionInfoProvider.builder().schema(repository).engines(host).stateStore(state).build();
            om = ObjectManager.builder(repository).register(NS, DfsrSchema.CLASS, dfsr).build();
            host.start();

            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            Instant now = Instant.now();
            for (int n = 0; n < CONNECTIONS; n++) {
                Link s = Links.link(n, n % 4 != 0);
                SyncResults sync = new SyncResults(now.minusSeconds(n % 3600), Duration.ofSeconds(n % 600),
                        now.minusSeconds(n % 7200), now.plusSeconds(3600));
                engine.observer.observe(s);
                // One inbound link in ten In Error, as before the engine reported facts (outbound links stay Online).
                engine.observer.observe(n % 10 == 0 && s.inbound()
                        ? new LinkHealth(s.connectionGuid(), LinkHealth.Condition.CONNECTING, UNREACHABLE, 1, 1, sync)
                        : new LinkHealth(s.connectionGuid(), LinkHealth.Condition.CONNECTED, null, 0, 1, sync));
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            dfsr.flush();
            double savedSeconds = (System.nanoTime() - t0) / 1e9;
            long heap = usedHeapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT, "%n%d connections loaded in %.1f s, all saved in %.1f s; heap %d MB, %.0f "
                    + "bytes per connection%n", CONNECTIONS, loadSeconds, savedSeconds, heap >> 20,
                    heap / (double) CONNECTIONS);

            om.enumerateInstances(NS, DfsrSchema.CLASS, null, i -> { });
            om.execQuery(NS, "WQL", IN_ERROR, r -> { });
            long kept = usedHeapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT, "with every instance built and kept: heap %d MB, %.0f bytes per connection%n",
                    kept >> 20, kept / (double) CONNECTIONS);

            Random random = new Random(42);
            toggled = random.ints(0, CONNECTIONS).filter(n -> n % 4 != 0 && n % 10 != 0).limit(4096).toArray();
            online = new boolean[CONNECTIONS];
            java.util.Arrays.fill(online, true);
            paths = new CimObjectPath[4096];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\""
                        + Links.connection(random.nextInt(CONNECTIONS)) + "\"");
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            host.close();
            om.close();
            state.close();
            try (Stream<Path> files = Files.walk(stateDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        private static long usedHeapAfterGc() throws InterruptedException {
            var memory = ManagementFactory.getMemoryMXBean();
            long used = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(100);
                used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
            }
            return used;
        }
    }

    /** EnumerateInstances of all connections: each instance built, checked against the class, and consumed. */
    @Benchmark
    public void enumerateAll(Loaded s, Blackhole bh) {
        s.om.enumerateInstances(NS, DfsrSchema.CLASS, null, bh::consume);
    }

    /** {@value #IN_ERROR}: 10 000 of 100 000 match. */
    @Benchmark
    public void queryInError(Loaded s, Blackhole bh) {
        s.om.execQuery(NS, "WQL", IN_ERROR, bh::consume);
    }

    /** {@value #OUTBOUND_NAMES}: 25 000 match, each projected to one property and the key. */
    @Benchmark
    public void queryOutboundNames(Loaded s, Blackhole bh) {
        s.om.execQuery(NS, "WQL", OUTBOUND_NAMES, bh::consume);
    }

    /**
     * One inbound connection goes from Online to Connecting or back, then {@value #IN_ERROR}: the query brings the
     * provider's tables up to date, rebuilding the part that holds the changed connection.
     */
    @Benchmark
    public void queryInErrorAfterAChange(Loaded s, Blackhole bh) {
        int n = s.toggled[s.nextToggle++ & (s.toggled.length - 1)];
        s.engine.observer.observe(new LinkHealth(Links.connection(n), s.online[n] ? LinkHealth.Condition.CONNECTING
                : LinkHealth.Condition.CONNECTED, null, 0, 1, SyncResults.UNKNOWN));
        s.online[n] = !s.online[n];
        s.om.execQuery(NS, "WQL", IN_ERROR, bh::consume);
    }

    /** GetInstance by key, one call. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object getInstance(Loaded s) {
        return s.om.getInstance(NS, s.paths[s.next++ & (s.paths.length - 1)]);
    }
}
