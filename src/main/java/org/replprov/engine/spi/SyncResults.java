package org.replprov.engine.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The results of an inbound connection's synchronization sessions (DfsrConnectionInfo LastSyncTime, LastSyncDuration,
 * LastSuccessfulSyncTime, NextSyncTime). A null instant means "never" or "not known", shown as the documented default
 * 1/1/9999.
 *
 * @param lastSyncTime when the last synchronization was attempted
 * @param lastSyncDuration how long the last successful session took
 * @param lastSuccessfulSyncTime when the last successful session ended
 * @param nextSyncTime when the next scheduled session starts
 */
public record SyncResults(Instant lastSyncTime, Duration lastSyncDuration, Instant lastSuccessfulSyncTime,
                          Instant nextSyncTime) {

    /** Nothing known: the documented defaults. */
    public static final SyncResults UNKNOWN = new SyncResults(null, Duration.ZERO, null, null);

    public SyncResults {
        Objects.requireNonNull(lastSyncDuration, "lastSyncDuration");
        if (lastSyncDuration.isNegative()) {
            throw new IllegalArgumentException("negative sync duration " + lastSyncDuration);
        }
    }
}
