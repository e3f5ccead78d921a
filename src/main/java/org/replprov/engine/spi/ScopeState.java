package org.replprov.engine.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * How one replicated folder or naming context is doing on this member, as the engine knows it.
 *
 * @param replicationGroupGuid the group the scope belongs to
 * @param state what the engine is doing with the scope
 * @param lastError the engine's last error about the scope as a whole; null when there is none
 * @param asOf when the engine observed this
 */
public record ScopeState(UUID replicationGroupGuid, Scope scope, State state, EngineError lastError, Instant asOf)
        implements Observation {

    /** The scope's state, in the terms of DfsrReplicatedFolderInfo.State (MS-DFSRH §2.2.1.5.7). */
    public enum State {
        UNINITIALIZED, INITIALIZED, INITIAL_SYNC, AUTO_RECOVERY, NORMAL, IN_ERROR
    }

    public ScopeState {
        Objects.requireNonNull(replicationGroupGuid, "replicationGroupGuid");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(asOf, "asOf");
    }
}
