package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigException;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.engine.EngineStatus;
import org.replprov.server.config.DaemonConfig;

/**
 * Several engine instances in one backend, as the configuration lists them: each created by its type, with its own
 * state directory, all run by the DfsrConnectionInfo provider under their names.
 */
class EngineInstancesTest {

    @TempDir
    Path dir;

    private DaemonConfig config(String engines) {
        return DaemonConfig.parse("replprov.yaml", "stateDirectory: state\nengines:\n" + engines, dir);
    }

    @Test
    void everyInstanceRunsWithItsOwnStateDirectory() {
        DaemonConfig config = config("""
                  sysvol:
                    type: embedded
                    baseDirectory: "%1$s"
                    group: SYSVOL
                    folders: {docs: {path: sysvol}}
                    inbound: {dc1: {upstream: "file:upstream1", createUpstream: true}}
                  apps:
                    type: embedded
                    baseDirectory: "%1$s"
                    group: Apps
                    folders: {apps: {path: apps}}
                    inbound: {dc2: {upstream: "file:upstream2", createUpstream: true}}
                  monitor:
                    type: fake
                """.formatted(dir));
        try (Backend backend = Backend.open(config, Clock.systemUTC())) {
            assertThat(backend.health().engines()).extracting(EngineStatus::engine)
                    .containsExactly("sysvol", "apps", "monitor");
            assertThat(backend.health().ok()).isTrue();
            assertThat(dir.resolve("state/engines/sysvol/embedded.db")).isRegularFile();
            assertThat(dir.resolve("state/engines/apps/embedded.db")).isRegularFile();
            assertThat(dir.resolve("state/engines/monitor")).as("created for every instance").isDirectory();
            assertThat(backend.health().engines()).extracting(EngineStatus::type)
                    .containsExactly("embedded", "embedded", "fake");
            // One peer endpoint serves both embedded instances: a message names its group.
            assertThat(backend.engines().endpoints()).extracting(EngineEndpoint::prefix).containsExactly("peer");
        }
    }

    /** A setting the engine refuses names the file, line, column and the instance's key. */
    @Test
    void anEngineRefusesASettingByItsPosition() {
        DaemonConfig config = config("""
                  ok: {type: fake}
                  bad:
                    type: embedded
                    baseDirectory: "%s"
                    peer: {notifyDelay: soon}
                """.formatted(dir));
        assertThatThrownBy(() -> Backend.open(config, Clock.systemUTC())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("replprov.yaml:7:25: engines.bad.peer.notifyDelay: must be a duration");
    }

    /**
     * An installation of an earlier version kept embedded.db in {@code <baseDirectory>/state}: the default instance
     * goes on using it while its own directory has none.
     */
    @Test
    void theEngineDatabaseOfAnEarlierVersionIsKeptInUse() throws Exception {
        Path earlier = dir.resolve("base/state");
        DaemonConfig before = config("""
                  embedded:
                    type: embedded
                    baseDirectory: "%s"
                    stateDirectory: state
                """.formatted(dir.resolve("base")));
        Backend.open(before, Clock.systemUTC()).close();
        assertThat(earlier.resolve("embedded.db")).isRegularFile();

        DaemonConfig after = config("""
                  embedded:
                    type: embedded
                    baseDirectory: "%s"
                """.formatted(dir.resolve("base")));
        Backend.open(after, Clock.systemUTC()).close();
        assertThat(dir.resolve("state/engines/embedded")).isDirectory();
        assertThat(dir.resolve("state/engines/embedded/embedded.db")).doesNotExist();

        Files.delete(earlier.resolve("embedded.db"));
        Backend.open(after, Clock.systemUTC()).close();
        assertThat(dir.resolve("state/engines/embedded/embedded.db")).isRegularFile();
    }
}
