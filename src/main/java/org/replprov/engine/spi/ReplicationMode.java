package org.replprov.engine.spi;

import java.util.Optional;

/**
 * The Mode parameter of DfsrConnectionInfo.ForceReplication (ForceReplication documentation): how replication runs while an override
 * lasts. The names are the documented ones.
 */
public enum ReplicationMode {
    /** 1, "Obey Configured Schedule": no override; also cancels one. */
    OBEY_SCHEDULE(1, "Obey Configured Schedule"),
    /** 2, "Sync Now": ignore the schedule and replicate for the duration. */
    SYNC_NOW(2, "Sync Now"),
    /** 3, "Stop Sync": ignore the schedule and do not replicate for the duration. */
    STOP_SYNC(3, "Stop Sync"),
    /** 4, "Sync Until In-Sync": ignore the schedule until this member is in sync with its upstream partner. */
    SYNC_UNTIL_IN_SYNC(4, "Sync Until In-Sync");

    private final int value;
    private final String displayName;

    ReplicationMode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() {
        return value;
    }

    public String displayName() {
        return displayName;
    }

    /** The mode for a Mode parameter value; empty outside 1..4. */
    public static Optional<ReplicationMode> of(long value) {
        for (ReplicationMode m : values()) {
            if (m.value == value) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
