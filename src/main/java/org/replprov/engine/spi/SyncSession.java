package org.replprov.engine.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One synchronization session of an inbound link, as the engine runs it (DfsrSyncInfo). An engine reports a session
 * when it starts and again whenever its state or counts change; a report with the same {@code sessionGuid} replaces
 * the earlier one. The provider keeps the current and the last few sessions of each link.
 *
 * @param connectionGuid the inbound link
 * @param sessionGuid the session's own GUID (SyncGuid)
 * @param state where the session is in DFSR's sync-state diagram
 * @param reason why it started
 * @param start when it started
 * @param end when it ended; null while it runs
 * @param updatesTransferred files and folders installed
 * @param bytesTransferred bytes received
 * @param updatesNotTransferred updates that failed or were left for a later session
 * @param updatesToBeTransferred updates known and not transferred yet
 * @param conflictsGenerated local versions moved aside (Conflict and Deleted)
 * @param tombstonesGenerated deletions applied
 * @param lastError what ended the session in error; null otherwise
 * @param forceEnd when the ForceReplication override that governs the session ends; null without one
 * @param forceBandwidth that override's bandwidth; null without one
 */
public record SyncSession(UUID connectionGuid, UUID sessionGuid, State state, Reason reason, Instant start,
                          Instant end, long updatesTransferred, long bytesTransferred, long updatesNotTransferred,
                          long updatesToBeTransferred, long conflictsGenerated, long tombstonesGenerated,
                          EngineError lastError, Instant forceEnd, BandwidthLevel forceBandwidth)
        implements Observation {

    /**
     * DfsrSyncInfo.State: Initialized → Connecting or In Progress; Connecting ↔ In Progress; Connecting → Completed
     * (schedule off), In Error (failed to connect), Interrupted (ForceReplication); In Progress → Interrupted
     * (ForceReplication or configuration change), In Sync (no more updates). The last four end a session.
     */
    public enum State {
        INITIALIZED, CONNECTING, IN_PROGRESS, COMPLETED, IN_SYNC, INTERRUPTED, IN_ERROR;

        /** Whether a session in this state has ended. */
        public boolean ended() {
            return ordinal() >= COMPLETED.ordinal();
        }
    }

    /** DfsrSyncInfo.InitiationReason (MSFT_DfsrSyncInfo numbers them 0..3 in this order). */
    public enum Reason {
        /** The schedule opened, or the engine polled within it. */
        SCHEDULE,
        /** A ForceReplication override (Sync Now, ForceFolderReplication). */
        FORCED,
        /** A session that ran under a pause override (ForceReplication Mode 3). */
        PAUSED,
        /** An override that lasts until the link is in sync. */
        FORCED_UNTIL_SYNC
    }

    public SyncSession {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(sessionGuid, "sessionGuid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(start, "start");
        if (state.ended() != (end != null)) {
            throw new IllegalArgumentException("a session in state " + state + (end == null ? " needs" : " has no")
                    + " end time");
        }
        if (updatesTransferred < 0 || bytesTransferred < 0 || updatesNotTransferred < 0 || updatesToBeTransferred < 0
                || conflictsGenerated < 0 || tombstonesGenerated < 0) {
            throw new IllegalArgumentException("negative count in a sync session");
        }
    }
}
