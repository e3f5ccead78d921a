package org.replprov.engines.embedded;

import java.nio.file.Files;
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
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code embedded} engine adapter, the default one: see {@link EmbeddedEngine} and docs/engines.md.
 *
 * <p>Relative paths in the settings resolve against the working directory, or {@code baseDirectory}. The engine keeps
 * {@code embedded.db} in the instance's state directory unless the setting {@code stateDirectory} names another.
 */
public final class EmbeddedEngineProvider implements ReplicationEngineProvider {

    public static final String NAME = "embedded";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReplicationEngine create(EngineContext context) throws EngineException {
        Path base = Path.of("");
        EmbeddedSettings settings = EmbeddedSettings.parse(context.settings(), base,
                stateDirectory(context, base), System::getenv);
        return new EmbeddedEngine(settings, context.scheduler().clock(), context.repsTo());
    }

    /**
     * The instance's state directory, except for a single-engine installation of an earlier version: its engine kept
     * {@code embedded.db} in {@code <baseDirectory>/state} by default. While that database exists and the instance's
     * directory holds none, the engine keeps using it, so that its IDs and repsTo list survive the upgrade.
     */
    private static Path stateDirectory(EngineContext context, Path base) {
        Path own = context.stateDirectory();
        if (context.settings().get("stateDirectory").present()) {
            return own; // the setting decides; EmbeddedSettings reads it
        }
        Path earlier = EmbeddedSettings.baseDirectory(context.settings(), base).resolve("state").normalize();
        if (!Files.exists(own.resolve(EmbeddedDatabase.FILE_NAME))
                && Files.exists(earlier.resolve(EmbeddedDatabase.FILE_NAME))) {
            log.warn("Engine instance '{}' keeps using {} of an earlier version in {}: move it to {} (or set "
                    + "stateDirectory) to use the instance's own directory", context.instance(),
                    EmbeddedDatabase.FILE_NAME, earlier.toAbsolutePath(), own);
            return earlier;
        }
        return own;
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
