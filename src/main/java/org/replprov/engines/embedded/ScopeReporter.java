package org.replprov.engines.embedded;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engines.embedded.mirror.Replica;
import org.replprov.engines.embedded.mirror.SyncReport;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the state of each replicated folder of the member ({@link ScopeState}), from what its mirrors do
 * (docs/dfsr-provider.md, "DfsrReplicatedFolderInfo", the embedded engine's table):
 *
 * <ul>
 *   <li>a folder no inbound connection carries is the group's origin here: Normal from the start;</li>
 *   <li>a received folder whose ID table has installed records is Normal; one without any is Initialized, and
 *       Initial Sync from the start of its first pass until a pass completes;</li>
 *   <li>a pass that completes makes it Normal; a pass that cannot write the local replica makes it In Error until a
 *       pass completes. An upstream that cannot be reached or read changes nothing here: that is the inbound
 *       connection's error (DfsrConnectionInfo), not the folder's.</li>
 * </ul>
 *
 * Every report carries the bytes in the folder's staging and ConflictAndDeleted directories, counted then. After each
 * pass the inbound connection's {@link Backlog} for the folder is reported: the files the pass had to leave for the
 * next one. Observer calls run on the engine's event thread, in order.
 */
final class ScopeReporter {

    private static final Logger log = LoggerFactory.getLogger(ScopeReporter.class);

    private final EmbeddedSettings settings;
    private final Observer observer;
    private final ExecutorService events;
    private final Clock clock;
    private final Map<UUID, ScopeState.State> states = new HashMap<>();
    /** When each folder's ConflictAndDeleted was last emptied (LastConflictCleanupTime); none until it was. */
    private final Map<UUID, java.time.Instant> lastCleanup = new HashMap<>();

    ScopeReporter(EmbeddedSettings settings, Observer observer, ExecutorService events, Clock clock) {
        this.settings = settings;
        this.observer = observer;
        this.events = events;
        this.clock = clock;
    }

    /** The folder's first state: Normal at the origin or once something was installed, else Initialized. */
    synchronized void start(EmbeddedSettings.Folder folder, boolean received, boolean installedBefore) {
        report(folder, !received || installedBefore ? ScopeState.State.NORMAL : ScopeState.State.INITIALIZED, null);
    }

    /** A pass over the folder begins. */
    synchronized void passStarting(EmbeddedSettings.Folder folder) {
        ScopeState.State now = states.get(folder.guid());
        if (now == ScopeState.State.INITIALIZED) {
            report(folder, ScopeState.State.INITIAL_SYNC, null);
        }
    }

    /** A pass over the folder completed; {@code connection} is the inbound connection it ran for. */
    synchronized void passEnded(EmbeddedSettings.Folder folder, UUID connection, SyncReport r) {
        report(folder, ScopeState.State.NORMAL, null);
        emit(new Backlog(connection, folder.guid(), r.skipped(), -1, clock.instant()));
    }

    /** The folder's ConflictAndDeleted was emptied now: the sizes and LastConflictCleanupTime change. */
    synchronized void conflictsCleaned(EmbeddedSettings.Folder folder) {
        lastCleanup.put(folder.guid(), clock.instant());
        report(folder, states.getOrDefault(folder.guid(), ScopeState.State.NORMAL), null);
    }

    /** A pass could not write the local replica. */
    synchronized void localFailure(EmbeddedSettings.Folder folder, String message) {
        report(folder, ScopeState.State.IN_ERROR, EngineError.text(ConnectionFailure.CONNECTION_ERROR,
                "the local replica cannot be written: " + message));
    }

    private void report(EmbeddedSettings.Folder folder, ScopeState.State state, EngineError error) {
        ScopeState.State before = states.put(folder.guid(), state);
        if (before != state) {
            log.info("Replicated folder {}: {} -> {}", folder.name(), before, state);
        }
        ScopeState.Sizes sizes = null;
        try {
            Replica replica = new Replica(folder.path());
            sizes = new ScopeState.Sizes(replica.stagingBytes(), replica.conflictBytes(),
                    lastCleanup.get(folder.guid()));
        } catch (IOException e) {
            log.debug("Sizes of {}'s private folders unknown: {}", folder.name(), LogSafe.of(e.getMessage()));
        }
        emit(new ScopeState(settings.group().guid(), Scope.folder(folder.guid(), folder.name()), state, error,
                clock.instant(), new ScopeState.Local(settings.member().guid(), settings.member().name(),
                settings.group().name()), sizes));
    }

    private void emit(Observation fact) {
        try {
            events.submit(() -> {
                try {
                    observer.observe(fact);
                } catch (RuntimeException e) {
                    log.warn("The observer failed for {}", fact, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the engine is closing: nobody listens any more
        }
    }
}
