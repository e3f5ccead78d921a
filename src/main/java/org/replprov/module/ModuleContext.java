package org.replprov.module;

import java.time.Instant;
import java.util.Objects;

import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.RepsToStore;
import org.replprov.repository.ClassRepository;
import org.replprov.state.StateStore;
import org.replprov.time.Scheduler;

/**
 * What a module's providers are built from.
 *
 * @param schema the compiled schema, already checked by {@link ClassModule#checkSchema}
 * @param engines the engine host to subscribe to and call through
 * @param state the state database, holding the module's {@linkplain ClassModule#tables() tables}
 * @param repsTo the repsTo values the engines fill (MS-DRSR §5.173)
 * @param scheduler the clock and timer, one for the engines and the providers
 * @param daemon the serving process (DfsrInfo shows it as the service)
 */
public record ModuleContext(ClassRepository schema, EngineHost engines, StateStore state, RepsToStore repsTo,
                            Scheduler scheduler, Daemon daemon) {

    /** The process serving the classes: its version and when it started. */
    public record Daemon(String version, Instant started) {
        public Daemon {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(started, "started");
        }
    }

    public ModuleContext {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(repsTo, "repsTo");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(daemon, "daemon");
    }
}
