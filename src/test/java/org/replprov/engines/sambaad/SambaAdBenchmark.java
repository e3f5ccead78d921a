package org.replprov.engines.sambaad;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.junit.jupiter.api.Test;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observation;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.provider.IndicationStream;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.Indication;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.server.Backend;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.SambaDomain;
import org.replprov.time.SystemScheduler;

/**
 * The samba-ad figures of docs/performance.md, outside {@code mvn verify}: {@code mvn -q -Pbench verify
 * -Dtest=SambaAdBenchmark}. LDAP operations and worker-thread CPU per pass against the two real DCs; the CPU of the
 * pure part of a pass (decoding and mapping) for 50 partners × 5 NCs; and the time from a failed pull on DC1 (DC2
 * stopped, DsReplicaSync run on DC1 by samba-tool, as the DC's own periodic pass would) to the engine's LinkHealth
 * fact reporting it, at two poll intervals; and the same failure to the DfsrConnectionInfo modification event a
 * subscriber of the daemon's object manager receives.
 */
@Tag("benchmark")
public class SambaAdBenchmark {

    /** Also runnable as a program on the test class path, when the bench profile's JMH sources do not compile. */
    public static void main(String[] args) throws Exception {
        new SambaAdBenchmark().passesAndFailureLatency();
    }

    @Test
    void passesAndFailureLatency() throws Exception {
        syntheticPasses();
        Path dir = Files.createTempDirectory("samba-ad-bench");
        try (SambaDomain domain = SambaDomain.start(); SystemScheduler scheduler = new SystemScheduler("bench")) {
            realPasses(domain, dir, scheduler);
            for (Duration poll : List.of(Duration.ofSeconds(1), Duration.ofSeconds(5))) {
                failureLatency(domain, dir, scheduler, poll);
            }
            for (Duration poll : List.of(Duration.ofSeconds(1), Duration.ofSeconds(5))) {
                eventLatency(domain, dir, poll);
            }
        }
    }

    private static void syntheticPasses() {
        DirectorySnapshot s = SyntheticDirectory.of(50, 5);
        Map<UUID, Long> usns = new HashMap<>();
        s.dsas().stream().skip(1).forEach(d -> usns.put(d.objectGuid(), 5000L));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            Refresh.of(s, usns, 2, Instant.now()); // warm-up
        }
        int n = 1000;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Refresh.of(s, usns, 2, Instant.now());
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - t0;
        int bytes = s.namingContexts().stream().mapToInt(nc -> nc.repsFrom().stream().mapToInt(b -> b.length()).sum()
                + nc.repsTo().stream().mapToInt(b -> b.length()).sum()
                + nc.replUpToDateVector().map(b -> b.length()).orElse(0)).sum();
        System.out.printf(Locale.ROOT, "synthetic 50 partners x 5 NCs (%d bytes of values): decode+map %.3f ms CPU, "
                + "%.3f ms wall per pass (mean of %d)%n", bytes, cpu / 1e6 / n, wall / 1e6 / n, n);
        // LDAP operations a pass makes for such a hub: rootDSE, DSA, sites, servers, DSAs, connections, one search
        // per NC head, one rootDSE per partner (connections kept open between passes).
        System.out.printf(Locale.ROOT, "synthetic 50 partners x 5 NCs: %d LDAP searches per pass%n", 6 + 5 + 50);
    }

    private static void realPasses(SambaDomain domain, Path dir, SystemScheduler scheduler) throws Exception {
        List<Observation> facts = new CopyOnWriteArrayList<>();
        SambaAdEngine e = SambaAdTesting.engine(SambaAdTesting.settings(domain, domain.dc1(),
                dir.resolve("password"), Duration.ofMillis(200)), dir.resolve("real"), scheduler, Optional.empty());
        e.start(facts::add);
        await(() -> facts.stream().filter(DirectoryState.class::isInstance).count() >= 5, "warm-up passes");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long worker = workerThread(mx, "samba-ad-ad");
        long cpu0 = mx.getThreadCpuTime(worker);
        long ops0 = e.ldapOperations();
        long passes0 = facts.stream().filter(DirectoryState.class::isInstance).count();
        long t0 = System.nanoTime();
        Thread.sleep(20_000);
        long passes = facts.stream().filter(DirectoryState.class::isInstance).count() - passes0;
        long cpu = mx.getThreadCpuTime(worker) - cpu0;
        long ops = e.ldapOperations() - ops0;
        long wall = System.nanoTime() - t0;
        e.close();
        System.out.printf(Locale.ROOT, "2 DCs (DC1 read, DC2's rootDSE): %d passes in %.1f s, %.1f LDAP operations "
                        + "per pass, worker CPU %.2f ms per pass%n", passes, wall / 1e9, (double) ops / passes,
                cpu / 1e6 / passes);
    }

    private static void failureLatency(SambaDomain domain, Path dir, SystemScheduler scheduler, Duration poll)
            throws Exception {
        List<Duration> latencies = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<Observation> facts = new CopyOnWriteArrayList<>();
            SambaAdEngine e = SambaAdTesting.engine(SambaAdTesting.settings(domain, domain.dc1(),
                    dir.resolve("password"), poll), dir.resolve("latency-" + poll.toSeconds() + "-" + round),
                    scheduler, Optional.empty());
            e.start(facts::add);
            await(() -> facts.stream().anyMatch(f -> f instanceof LinkHealth h && h.lastError() == null
                    && h.condition() == LinkHealth.Condition.CONNECTED), "Online");
            UUID in = facts.stream().filter(f -> f instanceof Link l && l.inbound()).map(f -> ((Link) f)
                    .connectionGuid()).findFirst().orElseThrow();
            domain.dc2().stop();
            try {
                domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "replicate", domain.dc1().hostName(),
                        domain.dc2().hostName(), SambaDomain.DOMAIN_DN);
                long failed = System.nanoTime();
                await(() -> facts.stream().anyMatch(f -> f instanceof LinkHealth h
                        && h.connectionGuid().equals(in) && h.lastError() != null), "the failure reported");
                latencies.add(Duration.ofNanos(System.nanoTime() - failed));
            } finally {
                e.close();
                domain.dc2().start();
                domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "replicate", domain.dc1().hostName(),
                        domain.dc2().hostName(), SambaDomain.DOMAIN_DN);
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "failure on DC1 to LinkHealth fact, pollInterval %s: %s%n", poll, latencies);
    }

    /**
     * The same failure, timed to the DfsrConnectionInfo {@code __InstanceModificationEvent} that takes DC1's inbound
     * connection out of Online, as a subscriber of the daemon's object manager receives it: the engine in a backend
     * opened from a daemon configuration, the DFSR class module deriving the state, the event raised to the
     * subscription.
     */
    private static void eventLatency(SambaDomain domain, Path dir, Duration poll) throws Exception {
        List<Duration> latencies = new ArrayList<>();
        List<Duration> afterFact = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int round = 0; round < 3; round++) {
            Path state = Files.createDirectories(dir.resolve("daemon-" + poll.toSeconds() + "-" + round));
            Map<String, Object> ad = new LinkedHashMap<>(SambaAdTesting.settings(domain, domain.dc1(),
                    dir.resolve("password"), poll));
            ad.put("type", "samba-ad");
            String yaml = TestDaemon.yaml("listeners:\n  - address: 127.0.0.1\n    port: " + TestDaemon.freePort()
                    + "\n") + "stateDirectory: " + json.writeValueAsString(state.toString()) + "\n"
                    + "engines: " + json.writeValueAsString(Map.of("ad", ad)) + "\n";
            DaemonConfig config = DaemonConfig.parse("replprov.yaml", yaml, dir);
            try (Backend backend = Backend.open(config, Clock.systemUTC())) {
                ObjectManager om = backend.objectManager();
                await(() -> om.enumerateInstances(DfsrSchema.NAMESPACE, DfsrSchema.CLASS).stream()
                        .anyMatch(i -> inboundIn(i, 1)), "DfsrConnectionInfo inbound Online");
                CimValue guid = om.enumerateInstances(DfsrSchema.NAMESPACE, DfsrSchema.CLASS).stream()
                        .filter(i -> inboundIn(i, 1)).findFirst().orElseThrow().value(DfsrSchema.CONNECTION_GUID);
                AtomicLong factAt = new AtomicLong();
                backend.engines().subscribe(new EngineEvents() {
                    @Override
                    public void observed(String engine, Observation fact) {
                        if (fact instanceof LinkHealth h && h.lastError() != null) {
                            factAt.compareAndSet(0, System.nanoTime());
                        }
                    }

                    @Override
                    public void engineFailed(String engine, String why) {
                    }
                });
                try (IndicationStream events = om.subscribe(DfsrSchema.NAMESPACE, "SELECT * FROM "
                        + "__InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'DfsrConnectionInfo'")) {
                    domain.dc2().stop();
                    try {
                        domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "replicate",
                                domain.dc1().hostName(), domain.dc2().hostName(), SambaDomain.DOMAIN_DN);
                        long failed = System.nanoTime();
                        long deadline = failed + Duration.ofSeconds(90).toNanos();
                        while (true) {
                            Optional<Indication> e = events.poll(Duration.ofMillis(100));
                            if (e.isPresent() && e.get().targetInstance().value(DfsrSchema.CONNECTION_GUID)
                                    .equals(guid) && inboundIn(e.get().previousInstance(), 1)
                                    && !inboundIn(e.get().targetInstance(), 1)) {
                                long at = System.nanoTime();
                                latencies.add(Duration.ofNanos(at - failed));
                                // The benchmark's listener comes after the provider in the host's fan-out: the
                                // event may arrive before it hears the fact (a negative difference).
                                await(() -> factAt.get() != 0, "the LinkHealth fact");
                                afterFact.add(Duration.ofNanos(at - factAt.get()));
                                break;
                            }
                            if (System.nanoTime() > deadline) {
                                throw new AssertionError("no State change event within 90 s");
                            }
                        }
                    } finally {
                        domain.dc2().start();
                        domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "replicate", domain.dc1().hostName(),
                                domain.dc2().hostName(), SambaDomain.DOMAIN_DN);
                    }
                }
            }
        }
        Collections.sort(latencies);
        Collections.sort(afterFact);
        System.out.printf(Locale.ROOT, "failure on DC1 to DfsrConnectionInfo State change event, pollInterval %s: %s"
                + " (LinkHealth fact to event: %s)%n", poll, latencies, afterFact);
    }

    /** Whether {@code i} is an inbound DfsrConnectionInfo in state {@code state}. */
    private static boolean inboundIn(CimInstance i, int state) {
        return i != null && i.value(DfsrSchema.INBOUND).equals(CimValue.Bool.TRUE)
                && i.value(DfsrSchema.STATE).equals(CimValue.uint32(state));
    }

    private static long workerThread(ThreadMXBean mx, String name) {
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals(name)) {
                return t.getThreadId();
            }
        }
        throw new IllegalStateException("no thread " + name);
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(5);
        }
    }
}
