package org.replprov.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.ConnectionTrigger;
import org.replprov.engine.spi.SyncResults;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Snapshots;
import org.replprov.mof.MofCompiler;

/**
 * Heap per connection and the cost of enumerating and querying at 100 000 connections (docs/performance.md). Not part
 * of {@code mvn verify} (surefire runs only *Test classes); run it with
 * {@code mvn -B -q test -Dtest=ConnectionBenchmark -Dsurefire.failIfNoSpecifiedTests=false} and read the report in
 * target/surefire-reports/org.replprov.bench.ConnectionBenchmark-output.txt. Set -Dbench.connections to change the
 * count.
 */
class ConnectionBenchmark {

    private static final int N = Integer.getInteger("bench.connections", 100_000);
    private static final String NS = DfsrSchema.NAMESPACE;

    @Test
    void connections() throws Exception {
        Path dir = Files.createTempDirectory("replprov-bench");
        var repo = MofCompiler.loadShippedSchema();
        FakeEngine engine = new FakeEngine(Clock.systemUTC());
        DfsrConnectionInfoProvider dfsr = DfsrConnectionInfoProvider.builder().schema(repo).engine("fake", engine)
                .stateStore(StateStore.open(dir)).build();
        try (ObjectManager om = ObjectManager.builder(repo).register(NS, DfsrSchema.CLASS, dfsr).build()) {
            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            Instant now = Instant.now();
            for (int n = 0; n < N; n++) {
                ConnectionSnapshot s = Snapshots.snapshot(n, n % 4 != 0);
                engine.report(s.withSyncResults(new SyncResults(now.minusSeconds(n % 3600),
                        Duration.ofSeconds(n % 600), now.minusSeconds(n % 7200), now.plusSeconds(3600))));
                engine.trigger(s.connectionGuid(), ConnectionTrigger.SCHEDULE_ON);
                if (n % 10 == 0) {
                    engine.fail(s.connectionGuid(), ConnectionFailure.SERVICE_UNREACHABLE);
                } else {
                    engine.trigger(s.connectionGuid(), ConnectionTrigger.CONNECTION_ESTABLISHED);
                }
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long heapAfter = usedHeapAfterGc();
            double perConnection = (heapAfter - heapBefore) / (double) N;

            long[] count = new long[1];
            double enumerateMs = medianMillis(5, 10, () -> {
                count[0] = 0;
                om.enumerateInstances(NS, DfsrSchema.CLASS, null, i -> count[0]++);
                return count[0];
            });
            double inErrorMs = medianMillis(5, 10, () -> {
                long[] hits = {0};
                om.enumerateInstances(NS, DfsrSchema.CLASS, null, i -> {
                    if (((CimValue.Int) i.value(DfsrSchema.STATE)).value() == 3) {
                        hits[0]++;
                    }
                });
                return hits[0];
            });
            int lookups = 100_000;
            CimObjectPath[] paths = new CimObjectPath[lookups];
            for (int i = 0; i < lookups; i++) {
                paths[i] = CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\""
                        + Snapshots.connection(ThreadLocalRandom.current().nextInt(N)) + "\"");
            }
            double lookupMs = medianMillis(2, 5, () -> {
                long found = 0;
                for (CimObjectPath p : paths) {
                    found += om.getInstance(NS, p).properties().size();
                }
                return found;
            });

            System.out.println("=== ConnectionBenchmark: " + N + " connections (75% inbound, 10% In Error) ===");
            System.out.printf(Locale.ROOT, "JVM: %s %s, max heap %d MB%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "load (report + 2 triggers each, saved to SQLite): %.1f s%n", loadSeconds);
            System.out.printf(Locale.ROOT, "heap: %.0f bytes per connection (%d MB for %d)%n", perConnection,
                    (heapAfter - heapBefore) >> 20, N);
            System.out.printf(Locale.ROOT, "enumerateInstances, all %d, checked: %.0f ms (%.2f us/instance)%n",
                    count[0], enumerateMs, enumerateMs * 1000 / N);
            System.out.printf(Locale.ROOT, "enumerate + filter State = 3: %.0f ms%n", inErrorMs);
            System.out.printf(Locale.ROOT, "getInstance by key: %.2f us/lookup%n", lookupMs * 1000 / lookups);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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

    private static double medianMillis(int warmups, int runs, LongSupplier work) {
        long sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += work.getAsLong();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            sink += work.getAsLong();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the work observable to the JIT
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
