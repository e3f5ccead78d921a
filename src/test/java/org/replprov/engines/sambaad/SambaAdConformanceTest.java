package org.replprov.engines.sambaad;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.testing.EngineConformance;
import org.replprov.testing.SambaDomain;
import org.replprov.time.SystemScheduler;

/** The samba-ad engine through the conformance kit, on DC1 of a real two-DC Samba domain. */
class SambaAdConformanceTest extends EngineConformance {

    private static SambaDomain domain;
    private static SystemScheduler scheduler;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.start();
        scheduler = new SystemScheduler("samba-ad-conformance");
    }

    @AfterAll
    static void stopDomain() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (domain != null) {
            domain.close();
        }
    }

    @Override
    protected ReplicationEngine newEngine() throws Exception {
        return SambaAdTesting.engine(SambaAdTesting.settings(domain, domain.dc1(), dir.resolve("password"),
                Duration.ofSeconds(1)), dir.resolve("state"), scheduler, Optional.empty());
    }

    @Override
    protected ConnectionState settledState() {
        return ConnectionState.ONLINE;
    }
}
