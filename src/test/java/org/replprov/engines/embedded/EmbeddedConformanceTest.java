package org.replprov.engines.embedded;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.testing.EngineConformance;

/** The embedded engine through the conformance kit, mirroring a file:// upstream. */
class EmbeddedConformanceTest extends EngineConformance {

    @TempDir
    Path dir;

    @BeforeEach
    void upstream() throws Exception {
        Members.write(dir.resolve("upstream/docs/a.txt"), "alpha");
    }

    @Override
    protected ReplicationEngine newEngine() {
        return Members.engine(Members.settings(dir, "file:upstream"), Clock.systemUTC());
    }

    @Override
    protected ConnectionState settledState() {
        return ConnectionState.ONLINE;
    }
}
