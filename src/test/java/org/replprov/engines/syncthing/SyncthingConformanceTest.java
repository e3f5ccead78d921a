package org.replprov.engines.syncthing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigNode;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.testing.EngineConformance;
import org.replprov.testing.SyncthingCluster;
import org.replprov.time.SystemScheduler;

/** The {@code syncthing} engine through the conformance kit, against instance {@code c} (HTTPS) of a real cluster. */
class SyncthingConformanceTest extends EngineConformance {

    @TempDir
    static Path clusterDir;
    static SyncthingCluster cluster;
    static SystemScheduler scheduler;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SyncthingCluster.start(clusterDir);
        scheduler = new SystemScheduler("conformance-scheduler");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Override
    protected ReplicationEngine newEngine() throws Exception {
        SyncthingCluster.Instance c = cluster.get("c");
        Path state = Files.createDirectories(dir.resolve("state"));
        return new SyncthingEngineProvider().create(new EngineContext("st", "syncthing", ConfigNode.of("test.yaml",
                "engines.st", SyncthingEngineTest.settings(c, c.apiKey(), dir)), state, scheduler, null));
    }

    @Override
    protected ConnectionState settledState() {
        return ConnectionState.ONLINE;
    }
}
