package org.replprov.providers.dfsr;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.engine.TimedEngine;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Uid;
import org.replprov.log.LogSafe;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four DfsrConnectionInfo methods (DfsrConnectionInfo method documentation): parameter checks, the engine calls, and the overrides that
 * ForceReplication and ForceFolderReplication set. Each returns a ReturnValue code (docs/dfsr-provider.md lists which
 * and when); nothing here throws for a method-level failure.
 *
 * <p>Engine calls that concern one connection's overrides are serialized per connection, so a revert can never
 * overtake the override that replaced it; they never run under another lock.
 */
final class ConnectionMethods {

    private static final Logger log = LoggerFactory.getLogger(ConnectionMethods.class);

    /** DurationInMin must not exceed one week (ForceReplication documentation). */
    static final long MAX_DURATION_IN_MIN = 10_080;

    private final EngineHost engines;
    private final Overrides overrides;
    private final Scheduler scheduler;
    private final Map<UUID, Object> connectionLocks = new ConcurrentHashMap<>();

    /** An engine call that shows the engine failed is reported to every module by the host, not here. */
    ConnectionMethods(EngineHost engines, Overrides overrides, Scheduler scheduler) {
        this.engines = engines;
        this.overrides = overrides;
        this.scheduler = scheduler;
    }

    /** A method-level failure on its way to becoming the return value. */
    private static final class Refusal extends RuntimeException {
        final int code;

        Refusal(ReturnCode code) {
            this(code.code());
        }

        Refusal(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    @FunctionalInterface
    private interface EngineCall<T> {
        T run(TimedEngine engine) throws EngineException;
    }

    // ---- the methods ------------------------------------------------------------------------------------------

    /** CheckConnectivity(): is the partner reachable? */
    int checkConnectivity(Connection c) {
        return answer(() -> {
            requireInbound(c);
            call(c, e -> {
                e.checkConnectivity(c.guid());
                return null;
            });
        });
    }

    /** ForceReplication(Mode, DurationInMin, Bandwidth): set, replace or (Mode 1) cancel the connection's override. */
    int forceReplication(Connection c, long mode, long durationInMin, long bandwidth) {
        return answer(() -> {
            requireInbound(c);
            ReplicationMode m = ReplicationMode.of(mode).orElseThrow(() -> invalid("Mode", mode, "1..4"));
            BandwidthLevel bw = bandwidth(bandwidth);
            if (m == ReplicationMode.OBEY_SCHEDULE) {
                requireAtMostAWeek(durationInMin);
                cancel(c, bw);
                return;
            }
            Duration d = duration(durationInMin);
            synchronized (lockFor(c)) {
                call(c, e -> {
                    e.forceReplication(c.guid(), m, bw);
                    return null;
                });
                Instant now = scheduler.now();
                overrides.put(new ScheduleOverride(c.guid(), null, m, bw, now, now.plus(d)));
            }
        });
    }

    /** ForceFolderReplication(DurationInMin, Bandwidth, ReplicatedFolderGuid): Sync Now for one folder. */
    int forceFolderReplication(Connection c, long durationInMin, long bandwidth, String replicatedFolderGuid) {
        return answer(() -> {
            requireInbound(c);
            Duration d = duration(durationInMin);
            BandwidthLevel bw = bandwidth(bandwidth);
            UUID folder = knownFolder(c, replicatedFolderGuid);
            synchronized (lockFor(c)) {
                call(c, e -> {
                    e.forceFolderReplication(c.guid(), folder, ReplicationMode.SYNC_NOW, bw);
                    return null;
                });
                Instant now = scheduler.now();
                overrides.put(new ScheduleOverride(c.guid(), folder, ReplicationMode.SYNC_NOW, bw, now, now.plus(d)));
            }
        });
    }

    /** ForceDownload(ReplicatedFolderGuid, Uid): fetch one resource now. */
    int forceDownload(Connection c, String replicatedFolderGuid, String uid) {
        return answer(() -> {
            requireInbound(c);
            UUID folderGuid = Guids.parse(replicatedFolderGuid)
                    .orElseThrow(() -> invalid("ReplicatedFolderGuid", replicatedFolderGuid, "a GUID"));
            Uid u = Uid.parse(uid).orElseThrow(() -> invalid("Uid", uid, "{GUID}-vN"));
            UUID folder = knownFolder(c, folderGuid);
            call(c, e -> {
                e.forceDownload(c.guid(), folder, u);
                return null;
            });
        });
    }

    // ---- override lifecycle -----------------------------------------------------------------------------------

    /** Tells the engine that an override ended: the configured schedule applies again. */
    void revert(Connection c, ScheduleOverride o) {
        synchronized (lockFor(c)) {
            Optional<TimedEngine> engine = engineOf(c);
            if (engine.isEmpty()) {
                overrides.revertLater(o);
                return;
            }
            try {
                if (o.replicatedFolderGuid() == null) {
                    engine.get().forceReplication(c.guid(), ReplicationMode.OBEY_SCHEDULE, o.bandwidth());
                } else {
                    engine.get().forceFolderReplication(c.guid(), o.replicatedFolderGuid(),
                            ReplicationMode.OBEY_SCHEDULE, o.bandwidth());
                }
            } catch (EngineException e) {
                log.warn("Engine '{}' did not take back override {}: {}", c.engine(), Overrides.describe(o),
                        LogSafe.of(e.getMessage()));
                if (e.engineFailed()) {
                    overrides.revertLater(o);
                }
            }
        }
    }

    /** Sends an override restored after a restart to the engine again. */
    void resend(Connection c, ScheduleOverride o) {
        synchronized (lockFor(c)) {
            if (overrides.get(o.key()).filter(o::equals).isEmpty()) {
                return; // ended or replaced since
            }
            int code = answer(() -> call(c, e -> {
                if (o.replicatedFolderGuid() == null) {
                    e.forceReplication(c.guid(), o.mode(), o.bandwidth());
                } else {
                    e.forceFolderReplication(c.guid(), o.replicatedFolderGuid(), o.mode(), o.bandwidth());
                }
                return null;
            }));
            if (code != 0) {
                log.warn("Engine '{}' did not take override {} again after the restart (code {})", c.engine(),
                        Overrides.describe(o), code);
            }
        }
    }

    private void cancel(Connection c, BandwidthLevel bw) {
        synchronized (lockFor(c)) {
            call(c, e -> {
                e.forceReplication(c.guid(), ReplicationMode.OBEY_SCHEDULE, bw);
                return null;
            });
            for (ScheduleOverride o : overrides.removeAll(c.guid())) {
                log.info("Override {} cancelled by Obey Configured Schedule", Overrides.describe(o));
                if (o.replicatedFolderGuid() != null) {
                    call(c, e -> {
                        e.forceFolderReplication(c.guid(), o.replicatedFolderGuid(), ReplicationMode.OBEY_SCHEDULE,
                                bw);
                        return null;
                    });
                }
            }
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    /** The methods are meaningful only for inbound connections and fail on outbound ones. */
    private static void requireInbound(Connection c) {
        if (!c.inbound()) {
            throw new Refusal(ReturnCode.ERROR_NOT_SUPPORTED);
        }
    }

    /** 1..10080 minutes: an override of no length would do nothing, so zero is refused too. */
    private static Duration duration(long minutes) {
        requireAtMostAWeek(minutes);
        if (minutes == 0) {
            throw invalid("DurationInMin", minutes, "1..10080 for an override");
        }
        return Duration.ofMinutes(minutes);
    }

    private static void requireAtMostAWeek(long minutes) {
        if (minutes > MAX_DURATION_IN_MIN) {
            throw invalid("DurationInMin", minutes, "at most 10080 (one week)");
        }
    }

    private static BandwidthLevel bandwidth(long value) {
        return BandwidthLevel.of(value).orElseThrow(() -> invalid("Bandwidth", value, "0x0..0xF"));
    }

    private UUID knownFolder(Connection c, String text) {
        UUID guid = Guids.parse(text).orElseThrow(() -> invalid("ReplicatedFolderGuid", text, "a GUID"));
        return knownFolder(c, guid);
    }

    /** A replicated folder the link carries, as its engine last reported it. */
    private static UUID knownFolder(Connection c, UUID guid) {
        if (c.link().scope(guid).isEmpty()) {
            log.info("Refused a method on connection {}: replicated folder {} is not one of its {}",
                    Guids.format(c.guid()), Guids.format(guid), c.link().scopes().size());
            throw new Refusal(ReturnCode.ERROR_NOT_FOUND);
        }
        return guid;
    }

    private static Refusal invalid(String parameter, Object value, String expected) {
        log.info("Refused a method call: {} = {} is not {}", parameter, LogSafe.of(value, 64), expected);
        return new Refusal(ReturnCode.ERROR_INVALID_PARAMETER);
    }

    // ---- engine calls -----------------------------------------------------------------------------------------

    private Optional<TimedEngine> engineOf(Connection c) {
        return c.engine() == null ? Optional.empty() : engines.engine(c.engine());
    }

    /** Runs one engine call; a failure becomes a {@link Refusal} with the code the caller should see. */
    private <T> T call(Connection c, EngineCall<T> call) {
        TimedEngine engine = engineOf(c).orElseThrow(() -> new Refusal(ReturnCode.ERROR_SERVICE_NOT_ACTIVE));
        try {
            return call.run(engine);
        } catch (EngineException e) {
            switch (e.kind()) {
                case REFUSED -> {
                    log.info("Engine '{}' refused a call for connection {}: {}", engine.name(),
                            Guids.format(c.guid()), LogSafe.of(e.getMessage()));
                    throw new Refusal(e.returnCode().orElseThrow());
                }
                case TIMED_OUT -> throw new Refusal(ReturnCode.ERROR_TIMEOUT);
                default -> throw new Refusal(ReturnCode.ERROR_SERVICE_NOT_ACTIVE);
            }
        }
    }

    private static int answer(Runnable method) {
        try {
            method.run();
            return ReturnCode.MONITOR_STATUS_SUCCESS.code();
        } catch (Refusal r) {
            return r.code;
        }
    }

    private Object lockFor(Connection c) {
        return connectionLocks.computeIfAbsent(c.guid(), g -> new Object());
    }

    /** The connection is gone: its lock is no longer needed. */
    void forget(UUID connection) {
        connectionLocks.remove(connection);
    }
}
