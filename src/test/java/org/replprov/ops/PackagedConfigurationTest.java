package org.replprov.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.replprov.server.config.DaemonConfig;

/**
 * The configuration the Debian package installs (src/deb/replprov.yaml) is valid, keeps its state where the unit lets
 * the daemon write, and listens on loopback only. A fast check beside DebianPackageTest, which serves it for real.
 */
class PackagedConfigurationTest {

    @Test
    void theInstalledConfigurationIsValidAndKeepsStateInVarLib() {
        DaemonConfig config = DaemonConfig.load(Path.of("src/deb/replprov.yaml"));
        assertThat(config.stateDirectory()).isEqualTo(Path.of("/var/lib/replprov"));
        assertThat(config.listeners()).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo("127.0.0.1");
            assertThat(l.port()).isEqualTo(5988);
        });
        // The engine's relative paths (its own state, replicas) resolve below the state directory, not the working
        // directory of whoever runs `replprov serve`.
        assertThat(config.engines()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("embedded");
            assertThat(e.settings().get("baseDirectory").string()).isEqualTo("/var/lib/replprov");
            assertThat(config.engineStateDirectory(e)).isEqualTo(Path.of("/var/lib/replprov/engines/embedded"));
        });
    }
}
