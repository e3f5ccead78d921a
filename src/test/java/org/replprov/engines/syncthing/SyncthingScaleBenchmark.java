package org.replprov.engines.syncthing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigNode;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observation;
import org.replprov.engines.syncthing.scale.RecordedAnswers;
import org.replprov.engines.syncthing.scale.ScaledAnswers;
import org.replprov.engines.syncthing.scale.SyncthingRestDouble;
import org.replprov.testing.ProcessCpu;
import org.replprov.testing.SyncthingCluster;
import org.replprov.time.SystemScheduler;

/**
 * The {@code syncthing} engine at scale, for docs/performance.md: 50 remote devices and 200 folders (each shared with
 * 5 of them: 1000 folder-partner pairs, 100 links), served by {@link SyncthingRestDouble} from answers recorded from
 * the real three-instance fixture and multiplied by {@link ScaledAnswers}. Measures the time to the first full report
 * of all links (every Link, its LinkHealth and a Backlog per folder and direction), the REST requests of that full
 * read, the requests per minute at rest, the CPU time of a refresh (a full re-read after {@code ConfigSaved}) and of a
 * {@code FolderSummary} event, and the heap the engine's model holds.
 *
 * <p>Run with {@code mvn -q -Pbench test -Dtest=SyncthingScaleBenchmark}; sizes with {@code -Dscale.devices=},
 * {@code -Dscale.folders=}, {@code -Dscale.sharing=}, {@code -Dscale.refreshes=}, {@code -Dscale.restMinutes=}.
 */
@Tag("benchmark")
class SyncthingScaleBenchmark {

    @TempDir
    Path dir;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void fiftyDevicesAndTwoHundredFolders() throws Exception {
        int devices = Integer.getInteger("scale.devices", 50);
        int folderCount = Integer.getInteger("scale.folders", 200);
        int sharing = Integer.getInteger("scale.sharing", 5);
        int refreshes = Integer.getInteger("scale.refreshes", 20);
        int restMinutes = Integer.getInteger("scale.restMinutes", 3);

        RecordedAnswers recorded;
        try (SyncthingCluster cluster = SyncthingCluster.start(dir.resolve("cluster"))) {
            recorded = RecordedAnswers.record(cluster);
        }
        ScaledAnswers answers = new ScaledAnswers(recorded, devices, folderCount, sharing);
        String key = "scale-benchmark-key";
        int links = 2 * devices;
        int backlogs = 2 * answers.pairs();
        System.out.printf(Locale.ROOT, "syncthing scale: %d devices, %d folders each shared with %d devices: %d links,"
                + " %d backlogs; config answer %d bytes%n", devices, folderCount, sharing, links, backlogs,
                answers.config().toString().length());

        try (SyncthingRestDouble dbl = new SyncthingRestDouble(answers, key);
             SystemScheduler scheduler = new SystemScheduler("scale-scheduler")) {
            long heapBefore = settledHeap();
            Counting seen = new Counting();
            SyncthingEngine engine = (SyncthingEngine) new SyncthingEngineProvider().create(new EngineContext("st",
                    "syncthing", ConfigNode.of("bench.yaml", "engines.st", Map.of("url", dbl.url().toString(),
                    "apiKeyFile", Files.writeString(dir.resolve("key"), key).toString())),
                    Files.createDirectories(dir.resolve("state")), scheduler, null));
            long cpu0 = engineCpu();
            long t0 = System.nanoTime();
            engine.start(seen);
            while (seen.links.size() < links || seen.healthy.size() < links || seen.backlogs.size() < backlogs) {
                if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos()) {
                    throw new AssertionError("no full report after 2 min: " + seen.links.size() + " links, "
                            + seen.healthy.size() + " healths, " + seen.backlogs.size() + " backlogs");
                }
                Thread.sleep(1);
            }
            double firstMs = (System.nanoTime() - t0) / 1e6;
            awaitIdle(dbl);
            double firstCpuMs = (engineCpu() - cpu0) / 1e6;
            long firstRequests = dbl.requests();
            System.out.printf(Locale.ROOT, "first full report of all %d links: %.0f ms (engine threads' CPU %.0f ms); "
                    + "%d REST requests: %s%n", links, firstMs, firstCpuMs, firstRequests, dbl.requestsByEndpoint());
            if (engine.requestCount() != firstRequests) {
                throw new AssertionError("the engine counted " + engine.requestCount() + " requests, the double "
                        + firstRequests);
            }
            seen.forget();
            long heapWith = settledHeap();

            // A refresh: ConfigSaved makes the engine read everything again.
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> processCpu = new ArrayList<>();
            long perRefresh = 0;
            long allRequests = dbl.requests();
            long allCpu = engineCpu();
            for (int r = 0; r < refreshes; r++) {
                long before = dbl.requests();
                long c0 = engineCpu();
                long p0 = ProcessCpu.self().toNanos();
                long w0 = System.nanoTime();
                dbl.emit(answers::configSaved);
                awaitIdle(dbl);
                wall.add((System.nanoTime() - w0) / 1e6);
                cpu.add((engineCpu() - c0) / 1e6);
                processCpu.add((ProcessCpu.self().toNanos() - p0) / 1e6);
                perRefresh = dbl.requests() - before;
            }
            System.out.printf(Locale.ROOT, "refresh (ConfigSaved -> full re-read), %d rounds: %d REST requests in the "
                    + "last, %.1f on average; engine threads' CPU %.1f ms on average, %s; whole JVM CPU (with the "
                    + "double) %s; wall %s%n", refreshes, perRefresh, (dbl.requests() - allRequests) / (double) refreshes,
                    (engineCpu() - allCpu) / 1e6 / refreshes, summary(cpu), summary(processCpu), summary(wall));

            // One FolderSummary per folder: what an event costs.
            long before = dbl.requests();
            long c0 = engineCpu();
            for (String f : answers.folderIds()) {
                dbl.emit(id -> answers.folderSummary(id, f));
            }
            awaitIdle(dbl);
            System.out.printf(Locale.ROOT, "%d FolderSummary events (one per folder): engine threads' CPU %.1f ms, "
                    + "%d REST requests%n", folderCount, (engineCpu() - c0) / 1e6, dbl.requests() - before);

            // At rest.
            before = dbl.requests();
            c0 = engineCpu();
            Thread.sleep(Duration.ofMinutes(restMinutes).toMillis());
            long rest = dbl.requests() - before;
            System.out.printf(Locale.ROOT, "at rest: %d REST requests in %d min = %.1f per minute (%s); engine threads' "
                    + "CPU %.1f ms per minute%n", rest, restMinutes, rest / (double) restMinutes,
                    dbl.requestsByEndpoint(), (engineCpu() - c0) / 1e6 / restMinutes);

            long heapRunning = settledHeap();
            engine.close();
            engine = null; // the closed engine is garbage now: what it held is released
            long heapClosed = settledHeap();
            System.out.printf(Locale.ROOT, "heap: %.2f MiB more after the first full report than before the engine; "
                    + "%.2f MiB released when the engine closed (its model, client and threads)%n",
                    (heapWith - heapBefore) / 1048576.0, (heapRunning - heapClosed) / 1048576.0);
        }
    }

    /** What the engine reported: enough to tell a full report, dropped before the heap is measured. */
    static final class Counting implements org.replprov.engine.spi.Observer {
        Set<UUID> links = ConcurrentHashMap.newKeySet();
        Set<UUID> healthy = ConcurrentHashMap.newKeySet();
        Set<String> backlogs = ConcurrentHashMap.newKeySet();

        @Override
        public void observe(Observation fact) {
            Set<UUID> l = links;
            if (l == null) {
                return;
            }
            if (fact instanceof Link k) {
                l.add(k.connectionGuid());
            } else if (fact instanceof LinkHealth h) {
                healthy.add(h.connectionGuid());
            } else if (fact instanceof Backlog b) {
                backlogs.add(b.connectionGuid() + "|" + b.scopeGuid());
            }
        }

        void forget() {
            links = null;
            healthy = null;
            backlogs = null;
        }
    }

    /** Last CPU time seen per thread: an HTTP client worker that ended (idle for 60 s) keeps what it used. */
    private final Map<Long, Long> cpuSeen = new java.util.HashMap<>();

    /** CPU time of the engine's threads so far: its worker and event reader, and its HTTP client's threads. */
    private long engineCpu() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("syncthing-st") || t.getName().startsWith("HttpClient-")) {
                long c = threads.getThreadCpuTime(t.getId());
                if (c > 0) {
                    cpuSeen.merge(t.getId(), c, Math::max);
                }
            }
        }
        return cpuSeen.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until the engine's worker waits for work and no request came for 100 ms. */
    private static void awaitIdle(SyncthingRestDouble dbl) throws InterruptedException {
        Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("syncthing-st"))
                .findFirst().orElseThrow();
        long last = -1;
        int quiet = 0;
        Thread.sleep(5);
        while (quiet < 10) {
            Thread.sleep(10);
            long now = dbl.requests();
            // Waiting for work, not for an answer (a request in flight is WAITING too).
            boolean waiting = worker.getState() == Thread.State.WAITING && java.util.Arrays.stream(
                    worker.getStackTrace()).anyMatch(f -> f.getClassName().equals(
                    "java.util.concurrent.LinkedBlockingQueue") && f.getMethodName().equals("take"));
            quiet = now == last && waiting ? quiet + 1 : 0;
            last = now;
        }
    }

    private long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String summary(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %.1f ms (min %.1f, max %.1f)", s.get(s.size() / 2), s.get(0),
                s.get(s.size() - 1));
    }
}
