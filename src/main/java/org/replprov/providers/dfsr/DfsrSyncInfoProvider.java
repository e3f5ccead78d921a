package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.SyncSession;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;

/**
 * DfsrSyncInfo: one instance per synchronization session of an inbound connection, the current one and the last
 * {@value #SESSIONS_PER_CONNECTION} of each connection (docs/dfsr-provider.md §11), from the engines' {@link SyncSession}
 * facts. The ForceReplication override that was in force when a session started (kept by the DfsrConnectionInfo
 * provider) gives ForceReplicationEndTime, and its bandwidth where the engine does not report one. A session ends
 * with its connection: LinkRemoved forgets them.
 */
public final class DfsrSyncInfoProvider implements InstanceProvider, EngineEvents {

    public static final String NAME = "dfsr-sync";
    public static final CimName CLASS = CimName.of("DfsrSyncInfo");

    /** Sessions kept per connection, the current one included: older ended sessions go first. */
    static final int SESSIONS_PER_CONNECTION = 16;

    /** EndTime of a session in progress: January 1, 1601 (the DfsrSyncInfo page). */
    static final CimTimestamp IN_PROGRESS = CimTimestamp.parse("16010101000000.000000+000");

    /** A session with the override it started under (null: none). */
    private record Kept(SyncSession session, ScheduleOverride override) {
    }

    private final Function<UUID, List<ScheduleOverride>> overrides;
    private final Map<UUID, Link> links = new HashMap<>();
    /** Sessions by connection, then by SyncGuid in the order they started. */
    private final Map<UUID, LinkedHashMap<UUID, Kept>> sessions = new LinkedHashMap<>();

    /** @param overrides the ForceReplication overrides of a connection now */
    public DfsrSyncInfoProvider(Function<UUID, List<ScheduleOverride>> overrides) {
        this.overrides = Objects.requireNonNull(overrides, "overrides");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observed(String engine, Observation fact) {
        if (fact instanceof SyncSession s) {
            // Outside the lock: the override store has a lock of its own.
            ScheduleOverride o = overrides.apply(s.connectionGuid()).stream()
                    .filter(x -> x.replicatedFolderGuid() == null).findFirst().orElse(null);
            synchronized (this) {
                LinkedHashMap<UUID, Kept> of = sessions.computeIfAbsent(s.connectionGuid(), c -> new LinkedHashMap<>());
                Kept before = of.get(s.sessionGuid());
                of.put(s.sessionGuid(), new Kept(s, before != null ? before.override() : o));
                for (Iterator<Kept> i = of.values().iterator(); of.size() > SESSIONS_PER_CONNECTION && i.hasNext(); ) {
                    if (i.next().session().state().ended()) {
                        i.remove();
                    }
                }
            }
        } else if (fact instanceof Link l) {
            synchronized (this) {
                links.put(l.connectionGuid(), l);
            }
        } else if (fact instanceof LinkRemoved r) {
            synchronized (this) {
                links.remove(r.connectionGuid());
                sessions.remove(r.connectionGuid());
            }
        }
    }

    @Override
    public void engineFailed(String engine, String why) {
        // Sessions already reported stay as they were; a failed engine reports no new ones.
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        List<CimInstance> all = new ArrayList<>();
        synchronized (this) {
            sessions.forEach((connection, of) -> {
                Link l = links.get(connection);
                if (l != null) { // reported before its link: nothing to name it by yet
                    of.values().forEach(k -> all.add(instance(cimClass, l, k)));
                }
            });
        }
        all.forEach(out::accept);
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        Optional<UUID> guid = path.key(CimName.of("SyncGuid")).flatMap(v -> Guids.parse(v.text()));
        if (guid.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            for (Map.Entry<UUID, LinkedHashMap<UUID, Kept>> e : sessions.entrySet()) {
                Kept k = e.getValue().get(guid.get());
                Link l = links.get(e.getKey());
                if (k != null && l != null) {
                    return Optional.of(instance(cimClass, l, k));
                }
            }
        }
        return Optional.empty();
    }

    private static CimInstance instance(CimClass cimClass, Link l, Kept k) {
        SyncSession s = k.session();
        ScheduleOverride o = k.override();
        LastError error = s.lastError() == null ? LastError.NONE : LastError.of(s.lastError());
        Integer bandwidth = s.forceBandwidth() != null ? Integer.valueOf(s.forceBandwidth().value())
                : o != null ? Integer.valueOf(o.bandwidth().value()) : null;
        Instant forceEnd = s.forceEnd() != null ? s.forceEnd() : o != null ? o.end() : null;
        return CimInstance.builder(cimClass)
                .set("SyncGuid", guid(s.sessionGuid()))
                .set("ConnectionGuid", guid(s.connectionGuid()))
                .set("MemberGuid", guid(l.memberGuid()))
                .set("MemberName", CimValue.string(l.memberName()))
                .set("PartnerGuid", guid(l.partnerGuid()))
                .set("PartnerName", CimValue.string(l.partnerName()))
                .set("ReplicationGroupGuid", guid(l.replicationGroupGuid()))
                .set("ReplicationGroupName", CimValue.string(l.replicationGroupName()))
                .set("Inbound", CimValue.bool(l.inbound()))
                .set("State", CimValue.uint32(s.state().ordinal()))
                .set("InitiationReason", CimValue.uint32(s.reason().ordinal()))
                .set("StartTime", CimTimestamp.of(s.start()))
                .set("EndTime", s.end() == null ? IN_PROGRESS : CimTimestamp.of(s.end()))
                .set("UpdatesTransferred", uint32(s.updatesTransferred()))
                .set("BytesTransferred", CimValue.uint64(s.bytesTransferred()))
                .set("UpdatesNotTransferred", uint32(s.updatesNotTransferred()))
                .set("UpdatesToBeTransferred", uint32(s.updatesToBeTransferred()))
                .set("ConflictsGenerated", uint32(s.conflictsGenerated()))
                .set("TombstonesGenerated", uint32(s.tombstonesGenerated()))
                .set("LastErrorCode", CimValue.uint32(error.code()))
                .set("LastErrorMessageId", CimValue.uint32(error.messageId()))
                .set("ForceReplicationEndTime", forceEnd == null ? null : CimTimestamp.of(forceEnd))
                .set("ForceReplicationBandwidthlevel", bandwidth == null ? null : CimValue.uint32(bandwidth))
                .build();
    }

    private static CimValue guid(UUID u) {
        return CimValue.string(Guids.format(u));
    }

    private static CimValue uint32(long n) {
        return CimValue.uint32(Math.min(0xFFFF_FFFFL, n));
    }
}
