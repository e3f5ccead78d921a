package org.replprov.engines.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.replprov.engine.spi.EngineException;
import org.replprov.testing.Settings;

/** Builds embedded engines for tests: one member with one folder, "docs", mirrored from partner "hub". */
final class Members {

    private Members() {
    }

    /** Settings of member "branch1" mirroring folder docs from {@code upstream} into {@code dir}/replica/docs. */
    static Map<String, String> settings(Path dir, String upstream) {
        Map<String, String> s = new HashMap<>();
        s.put("member", "branch1");
        s.put("group", "Demo");
        s.put("baseDirectory", dir.toString());
        s.put("stateDirectory", "state");
        s.put("folders.docs.path", "replica/docs");
        s.put("inbound.hub.upstream", upstream);
        s.put("inbound.hub.pollInterval", "200ms");
        s.put("inbound.hub.retries", "2");
        s.put("inbound.hub.retryDelay", "100ms");
        s.put("inbound.hub.maxRetryDelay", "200ms");
        return s;
    }

    static EmbeddedEngine engine(Map<String, String> settings, Clock clock) {
        return new EmbeddedEngine(EmbeddedSettings.parse(Settings.node(settings), Path.of(""),
                Path.of(settings.getOrDefault("baseDirectory", "."), "state"), name -> null), clock);
    }

    /** The one inbound connection's GUID. */
    static UUID inbound(EmbeddedEngine e) {
        return e.settings().inbound().values().iterator().next().connectionGuid();
    }

    static UUID docs(EmbeddedEngine e) {
        return e.settings().folders().get("docs").guid();
    }

    static InboundConnection connection(EmbeddedEngine e) throws EngineException {
        return e.inbound(inbound(e));
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
