package org.replprov.engine.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * How one replicated folder or naming context is doing on this member, as the engine knows it.
 *
 * <p>An engine reports a scope's state for every scope the local member hosts, also one that no link carries (the
 * origin of a one-way group before any partner connected): DfsrReplicatedFolderInfo has one instance per replicated
 * folder of the member, links or not. Such an engine says who the member is ({@link Local}); without it, the provider
 * takes the member from the engine's links that carry the scope.
 *
 * @param replicationGroupGuid the group the scope belongs to
 * @param state what the engine is doing with the scope
 * @param lastError the engine's last error about the scope as a whole; null when there is none
 * @param asOf when the engine observed this
 * @param local the member and group names the scope is hosted under; null when the engine's links say it
 * @param sizes what the scope's private folders hold; null when the engine does not know
 */
public record ScopeState(UUID replicationGroupGuid, Scope scope, State state, EngineError lastError, Instant asOf,
                         Local local, Sizes sizes) implements Observation {

    /** The scope's state, in the terms of DfsrReplicatedFolderInfo.State (MS-DFSRH §2.2.1.5.7). */
    public enum State {
        UNINITIALIZED, INITIALIZED, INITIAL_SYNC, AUTO_RECOVERY, NORMAL, IN_ERROR
    }

    /**
     * The local member hosting the scope (DfsrReplicatedFolderInfo.MemberGuid, MemberName) and the group's name
     * (ReplicationGroupName).
     */
    public record Local(UUID memberGuid, String memberName, String replicationGroupName) {
        public Local {
            Objects.requireNonNull(memberGuid, "memberGuid");
            Objects.requireNonNull(memberName, "memberName");
            Objects.requireNonNull(replicationGroupName, "replicationGroupName");
        }
    }

    /**
     * The bytes in the scope's staging folder and in its Conflict and Deleted folder (DfsrReplicatedFolderInfo
     * CurrentStageSizeInMb, CurrentConflictSizeInMb), and when the engine last cleaned up the latter.
     *
     * @param lastConflictCleanup null when it never did
     */
    public record Sizes(long stagingBytes, long conflictBytes, Instant lastConflictCleanup) {
        public Sizes {
            if (stagingBytes < 0 || conflictBytes < 0) {
                throw new IllegalArgumentException("negative size " + stagingBytes + ", " + conflictBytes);
            }
        }
    }

    public ScopeState {
        Objects.requireNonNull(replicationGroupGuid, "replicationGroupGuid");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** A state without the member's names or sizes: the provider takes the member from the links. */
    public ScopeState(UUID replicationGroupGuid, Scope scope, State state, EngineError lastError, Instant asOf) {
        this(replicationGroupGuid, scope, state, lastError, asOf, null, null);
    }
}
