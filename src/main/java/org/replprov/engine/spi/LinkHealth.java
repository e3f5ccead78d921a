package org.replprov.engine.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * How a link is doing, as facts: what the engine is doing with it, the last error, how many attempts failed in a row,
 * and the results of its sessions. The provider derives DfsrConnectionInfo.State, Status, LastErrorCode and
 * LastErrorMessageId from it (docs/dfsr-provider.md, "Deriving the state").
 *
 * @param condition what the engine is doing with the link now
 * @param lastError the error of the last failed attempt; null when the last attempt succeeded or none was made
 * @param consecutiveFailures attempts failed in a row since the last success
 * @param retries how many failures in a row the engine makes before it gives up retrying at once and falls back to its
 *     periodic retry (DFSR: "failed to connect after multiple retries"); at least 1. An engine with no such notion
 *     reports 1: its first failure is an error
 * @param sync the results of the link's sessions; {@link SyncResults#UNKNOWN} when the engine does not know (a time it
 *     does not know keeps the one the provider has)
 */
public record LinkHealth(UUID connectionGuid, Condition condition, EngineError lastError, int consecutiveFailures,
                         int retries, SyncResults sync) implements Observation {

    /** What the engine is doing with a link. */
    public enum Condition {
        /** Disabled by configuration or an operator (a paused Syncthing device, a disabled DFSR connection). */
        PAUSED,
        /** Closed by its schedule: nothing replicates until the schedule opens. */
        SCHEDULE_CLOSED,
        /** Open, and the engine is trying to reach the partner (or waiting to retry). */
        CONNECTING,
        /** The partner is reached; nothing is being transferred. */
        CONNECTED,
        /** The partner is reached and a session is transferring. */
        SYNCING
    }

    public LinkHealth {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(sync, "sync");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("negative failure count " + consecutiveFailures);
        }
        if (retries < 1) {
            throw new IllegalArgumentException("retries must be at least 1: " + retries);
        }
    }

    /** Whether the engine has given up retrying at once: the failures in a row reached its retries. */
    public boolean retriesExhausted() {
        return lastError != null && consecutiveFailures >= retries;
    }

    public LinkHealth withSync(SyncResults s) {
        return new LinkHealth(connectionGuid, condition, lastError, consecutiveFailures, retries, s);
    }
}
