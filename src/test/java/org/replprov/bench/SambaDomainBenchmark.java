package org.replprov.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replprov.engines.sambaad.directory.DirectoryReader;
import org.replprov.engines.sambaad.directory.DirectorySettings;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.testing.SambaDomain;
import org.replprov.testing.SambaDomain.DomainController;

/**
 * The Samba AD fixture and directory-read figures of docs/performance.md, outside {@code mvn verify}: run it with
 * {@code mvn -q -Pbench verify -Dtest=SambaDomainBenchmark}. It provisions from scratch once (the template cache is
 * dropped first), starts from the template three times, and times full directory reads of both DCs.
 */
@Tag("benchmark")
class SambaDomainBenchmark {

    private static final int READS = 30;

    @Test
    void fixtureAndReads() throws Exception {
        SambaDomain.dropTemplateCache();
        try (SambaDomain cold = SambaDomain.start()) {
            print("cold start", cold);
        }
        for (int i = 1; i <= 3; i++) {
            try (SambaDomain warm = SambaDomain.start()) {
                print("template start " + i, warm);
                if (i == 3) {
                    for (DomainController dc : warm.controllers()) {
                        reads(warm, dc);
                    }
                    for (DomainController dc : warm.controllers()) {
                        System.out.printf(Locale.ROOT, "%s PSS after the reads: %.1f MiB%n", dc.name(),
                                dc.memoryPss() / 1048576.0);
                    }
                }
            }
        }
    }

    private static void print(String what, SambaDomain d) throws Exception {
        SambaDomain.Startup s = d.startup();
        System.out.printf(Locale.ROOT, "%s: template built %s, build %.2f s, copy %.2f s, start %.2f s;"
                        + " PSS DC1 %.1f MiB, DC2 %.1f MiB%n", what, s.templateBuilt(), secs(s.build()),
                secs(s.copy()), secs(s.start()), d.dc1().memoryPss() / 1048576.0, d.dc2().memoryPss() / 1048576.0);
    }

    private static void reads(SambaDomain d, DomainController dc) throws Exception {
        DirectorySettings settings = DirectorySettings.of(dc.ldapsUrl(), d.adminUpn(), Optional.of(dc.caFile()))
                .withTlsHostName(dc.hostName());
        List<Long> connect = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        int values = 0;
        for (int i = 0; i < READS + 5; i++) {
            long t0 = System.nanoTime();
            try (DirectoryReader r = DirectoryReader.connect(settings, d.adminPassword().toCharArray())) {
                long t1 = System.nanoTime();
                DirectorySnapshot s = r.readAll();
                long t2 = System.nanoTime();
                if (i >= 5) {
                    connect.add(t1 - t0);
                    read.add(t2 - t1);
                }
                values = s.namingContexts().stream().mapToInt(nc -> nc.repsFrom().size() + nc.repsTo().size()).sum();
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d reads after 5 warm-up ones (%d repsFrom/repsTo values each):"
                + " connect+TLS+bind median %.1f ms p90 %.1f ms; readAll (10 searches) median %.1f ms p90 %.1f ms"
                + " max %.1f ms%n", dc.name(), READS, values, ms(connect, 50), ms(connect, 90), ms(read, 50),
                ms(read, 90), ms(read, 100));
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    private static double secs(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
