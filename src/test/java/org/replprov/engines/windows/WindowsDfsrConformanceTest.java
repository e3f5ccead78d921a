package org.replprov.engines.windows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.testing.EngineConformance;
import org.replprov.time.SystemScheduler;

/** The windows-dfsr engine through the conformance kit, over two simulated members on WS-Management test servers. */
class WindowsDfsrConformanceTest extends EngineConformance {

    @TempDir
    Path dir;
    TwoMembers members;
    SystemScheduler scheduler;

    @BeforeEach
    void members() throws Exception {
        members = new TwoMembers(dir);
        members.allOnline();
        scheduler = new SystemScheduler("windows-dfsr-conformance");
    }

    @AfterEach
    void stop() {
        scheduler.close();
        members.close();
    }

    @Override
    protected ReplicationEngine newEngine() throws Exception {
        return members.engine(scheduler, Map.of());
    }

    @Override
    protected ConnectionState settledState() {
        return ConnectionState.ONLINE;
    }
}
