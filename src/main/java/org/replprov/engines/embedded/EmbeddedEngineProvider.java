package org.replprov.engines.embedded;

import java.nio.file.Path;
import java.util.List;

import org.replprov.config.ConfigurationException;

import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;
import org.replprov.engines.embedded.peer.PeerDispatch;
import org.replprov.engines.embedded.peer.PeerService;

/** The {@code embedded} engine adapter, the default one: see {@link EmbeddedEngine} and docs/engines.md. */
public final class EmbeddedEngineProvider implements ReplicationEngineProvider {

    public static final String NAME = "embedded";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReplicationEngine create(EngineContext context) throws EngineException {
        EmbeddedSettings settings;
        try {
            settings = EmbeddedSettings.parse(context.settings(), Path.of(""), System::getenv);
        } catch (IllegalArgumentException e) {
            throw EngineException.failed("invalid settings: " + e.getMessage(), e);
        }
        return new EmbeddedEngine(settings, context.clock(), context.repsTo());
    }

    /**
     * One peer endpoint ({@code /api/v1/peer/}) for every embedded instance: each message goes to the instance of the
     * replication group it names. Two instances of one group would be one member twice, and are refused.
     */
    @Override
    public List<EngineEndpoint> endpoints(List<ReplicationEngine> instances) {
        List<EmbeddedEngine> embedded = instances.stream().map(EmbeddedEngine.class::cast).toList();
        long groups = embedded.stream().map(e -> e.settings().group().guid()).distinct().count();
        if (groups < embedded.size()) {
            throw new ConfigurationException("two embedded engines serve the same replication group; give each "
                    + "instance a group of its own");
        }
        return embedded.isEmpty() ? List.of()
                : List.of(new PeerService(new PeerDispatch<>(embedded, e -> e.settings().group().guid())));
    }
}
