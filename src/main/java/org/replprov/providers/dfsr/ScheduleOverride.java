package org.replprov.providers.dfsr;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ReplicationMode;

/**
 * A timed override of a connection's schedule, set by ForceReplication (whole connection) or ForceFolderReplication
 * (one replicated folder). It lasts from {@code start} to {@code end}; then the configured schedule applies again.
 *
 * @param replicatedFolderGuid the folder for ForceFolderReplication; null for the whole connection
 * @param start when it began, to the microsecond
 * @param end when it ends, to the microsecond
 */
public record ScheduleOverride(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode, BandwidthLevel bandwidth,
                       Instant start, Instant end) {

    public ScheduleOverride {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (mode == ReplicationMode.OBEY_SCHEDULE) {
            throw new IllegalArgumentException("Obey Configured Schedule is the absence of an override");
        }
        // Stored to the microsecond, as CIM datetimes are; truncating here makes a restored override equal the saved one.
        start = start.truncatedTo(ChronoUnit.MICROS);
        end = end.truncatedTo(ChronoUnit.MICROS);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("override ends before it starts: " + start + " .. " + end);
        }
    }

    public Optional<UUID> replicatedFolder() {
        return Optional.ofNullable(replicatedFolderGuid);
    }

    /** How long the override still runs at {@code now}; zero once it has ended. */
    public Duration remaining(Instant now) {
        return now.isBefore(end) ? Duration.between(now, end) : Duration.ZERO;
    }

    /** The key an override is stored under: a connection and a folder (or none), one override each. */
    public Key key() {
        return new Key(connectionGuid, replicatedFolderGuid);
    }

    /** A connection and optionally one of its replicated folders. */
    public record Key(UUID connectionGuid, UUID replicatedFolderGuid) {
        public Key {
            Objects.requireNonNull(connectionGuid, "connectionGuid");
        }
    }
}
