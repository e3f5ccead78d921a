package org.replprov.providers.msad;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.RepsFrom;
import org.replprov.engine.spi.DirectoryState;

/**
 * Builds the MSAD instances from a {@link DirectoryState}: each property from the field docs/msad-classes.md ("The
 * provider") names. GUIDs are written in lower case without braces, as {@code repadmin} and Samba print them.
 */
final class MsadInstances {

    /**
     * The DS_REPL_NBR_* flags (ntdsapi.h; MS-DRSR §4.1.13.1.7): the {@code repsFrom} option bits a neighbour shows,
     * which have the same values as the DRS_OPTIONS bits they come from.
     */
    static final int WRITEABLE = 0x10;
    static final int SYNC_ON_STARTUP = 0x20;
    static final int DO_SCHEDULED_SYNCS = 0x40;
    static final int USE_ASYNC_INTERSITE_TRANSPORT = 0x80;
    static final int TWO_WAY_SYNC = 0x200;
    static final int RETURN_OBJECT_PARENTS = 0x800;
    static final int FULL_SYNC_IN_PROGRESS = 0x10000;
    static final int FULL_SYNC_NEXT_PACKET = 0x20000;
    static final int NEVER_SYNCED = 0x200000;
    static final int PREEMPTED = 0x1000000;
    static final int IGNORE_CHANGE_NOTIFICATIONS = 0x4000000;
    static final int DISABLE_SCHEDULED_SYNC = 0x8000000;
    static final int COMPRESS_CHANGES = 0x10000000;
    static final int NO_CHANGE_NOTIFICATIONS = 0x20000000;
    static final int PARTIAL_ATTRIBUTE_SET = 0x40000000;
    static final int NBR_MASK = WRITEABLE | SYNC_ON_STARTUP | DO_SCHEDULED_SYNCS | USE_ASYNC_INTERSITE_TRANSPORT
            | TWO_WAY_SYNC | RETURN_OBJECT_PARENTS | FULL_SYNC_IN_PROGRESS | FULL_SYNC_NEXT_PACKET | NEVER_SYNCED
            | PREEMPTED | IGNORE_CHANGE_NOTIFICATIONS | DISABLE_SCHEDULED_SYNC | COMPRESS_CHANGES
            | NO_CHANGE_NOTIFICATIONS | PARTIAL_ATTRIBUTE_SET;

    private static final UUID NULL_GUID = new UUID(0, 0);

    private MsadInstances() {
    }

    static String guid(UUID g) {
        return g.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * DS_REPL_NBR flags of a value: its option bits under {@link #NBR_MASK}, plus NEVER_SYNCED when it has no
     * success time (Samba does not store that bit; Windows reports a never-synced neighbour with it).
     */
    static int replicaFlags(RepsFrom v) {
        int flags = v.options().raw() & NBR_MASK;
        return v.timeLastSuccess().isNever() ? flags | NEVER_SYNCED : flags;
    }

    static CimInstance neighbor(CimClass c, DirectoryState.Neighbor n) {
        RepsFrom v = n.repsFrom();
        int flags = replicaFlags(v);
        long failures = v.consecutiveFailures();
        return CimInstance.builder(c)
                .set("NamingContextDN", CimValue.string(n.namingContext().name()))
                .set("SourceDsaObjGuid", CimValue.string(guid(n.source().objectGuid())))
                .set("NamingContextObjGuid", CimValue.string(guid(n.namingContext().guid())))
                .set("SourceDsaDN", CimValue.string(n.source().dn()))
                .set("SourceDsaAddress", CimValue.string(v.naDsa()))
                .set("SourceDsaInvocationID", CimValue.string(guid(v.uuidInvocId())))
                // The transport's DN would need another search; intra-site RPC replication has none.
                .set("AsyncIntersiteTransportDN", (CimValue) null)
                .set("AsyncIntersiteTransportObjGuid", v.uuidTransportObj().equals(NULL_GUID) ? null
                        : CimValue.string(guid(v.uuidTransportObj())))
                .set("USNLastObjChangeSynced", CimValue.uint64(v.usnVec().usnHighObjUpdate()))
                .set("USNAttributeFilter", CimValue.uint64(v.usnVec().usnHighPropUpdate()))
                .set("TimeOfLastSyncSuccess", datetime(v.timeLastSuccess()))
                .set("TimeOfLastSyncAttempt", datetime(v.timeLastAttempt()))
                .set("LastSyncResult", CimValue.uint32(Integer.toUnsignedLong(v.resultLastAttempt().code())))
                .set("NumConsecutiveSyncFailures", CimValue.uint32(failures))
                .set("ReplicaFlags", CimValue.uint32(Integer.toUnsignedLong(flags)))
                .set("Writeable", bit(flags, WRITEABLE))
                .set("SyncOnStartup", bit(flags, SYNC_ON_STARTUP))
                .set("DoScheduledSyncs", bit(flags, DO_SCHEDULED_SYNCS))
                .set("UseAsyncIntersiteTransport", bit(flags, USE_ASYNC_INTERSITE_TRANSPORT))
                .set("TwoWaySync", bit(flags, TWO_WAY_SYNC))
                .set("FullSyncInProgress", bit(flags, FULL_SYNC_IN_PROGRESS))
                .set("FullSyncNextPacket", bit(flags, FULL_SYNC_NEXT_PACKET))
                .set("NeverSynced", bit(flags, NEVER_SYNCED))
                .set("IgnoreChangeNotifications", bit(flags, IGNORE_CHANGE_NOTIFICATIONS))
                .set("DisableScheduledSync", bit(flags, DISABLE_SCHEDULED_SYNC))
                .set("CompressChanges", bit(flags, COMPRESS_CHANGES))
                .set("NoChangeNotifications", bit(flags, NO_CHANGE_NOTIFICATIONS))
                .set("SourceDsaSite", CimValue.string(n.source().siteName()))
                .set("SourceDsaCN", CimValue.string(n.source().commonName()))
                .set("Domain", CimValue.string(domain(n.namingContext().name())))
                .set("IsDeletedSourceDsa", CimValue.bool(n.sourceDeleted()))
                // Failures of a deleted source are expected: they do not count (the class page).
                .set("ModifiedNumConsecutiveSyncFailures", CimValue.uint32(n.sourceDeleted() ? 0 : failures))
                .build();
    }

    static List<CimInstance> cursors(CimClass c, DirectoryState s) {
        List<CimInstance> out = new ArrayList<>();
        for (DirectoryState.NamingContext nc : s.namingContexts()) {
            for (DirectoryState.Cursor cursor : nc.cursors()) {
                out.add(CimInstance.builder(c)
                        .set("NamingContextDN", CimValue.string(nc.scope().name()))
                        .set("SourceDsaInvocationID", CimValue.string(guid(cursor.sourceInvocationId())))
                        .set("USNAttributeFilter", CimValue.uint64(cursor.usnHighPropUpdate()))
                        .set("SourceDsaDN", cursor.sourceDsaDn().map(CimValue::string).orElse(null))
                        .set("TimeOfLastSuccessfulSync", cursor.lastSyncSuccess().flatMap(MsadInstances::fits)
                                .<CimValue>map(CimTimestamp::of).orElse(null))
                        .build());
            }
        }
        return out;
    }

    static List<CimInstance> namingContexts(CimClass c, DirectoryState s) {
        List<CimInstance> out = new ArrayList<>();
        for (DirectoryState.NamingContext nc : s.namingContexts()) {
            out.add(CimInstance.builder(c)
                    .set("DistinguishedName", CimValue.string(nc.scope().name()))
                    .set("IsFullReplica", CimValue.bool(nc.writable()))
                    .build());
        }
        return out;
    }

    /**
     * The local DC. What Samba keeps no queue or RID-pool view of over LDAP stays NULL (docs/msad-classes.md): the
     * TimeOfOldestRepl* times (no pending operations), IsNextRIDPoolAvailable, PercentOfRIDsLeft, IsRegisteredInDNS,
     * IsAdvertisingToLocator and IsSysVolReady.
     */
    static CimInstance domainController(CimClass c, DirectoryState s) {
        DirectoryState.Dsa dc = s.local();
        return CimInstance.builder(c)
                .set("DistinguishedName", CimValue.string(dc.dn()))
                .set("CommonName", CimValue.string(dc.commonName()))
                .set("SiteName", CimValue.string(dc.siteName()))
                .set("NTDsaGUID", CimValue.string(guid(dc.objectGuid())))
                .set("IsGC", CimValue.bool(dc.isGlobalCatalog()))
                .set("TimeOfOldestReplSync", (CimValue) null)
                .set("TimeOfOldestReplAdd", (CimValue) null)
                .set("TimeOfOldestReplDel", (CimValue) null)
                .set("TimeOfOldestReplMod", (CimValue) null)
                .set("TimeOfOldestReplUpdRefs", (CimValue) null)
                .set("IsNextRIDPoolAvailable", (CimValue) null)
                .set("PercentOfRIDsLeft", (CimValue) null)
                .set("IsRegisteredInDNS", (CimValue) null)
                .set("IsAdvertisingToLocator", (CimValue) null)
                .set("IsSysVolReady", (CimValue) null)
                .build();
    }

    /**
     * The canonical name of the domain an NC belongs to (the class page): its DC= labels as written, the way
     * DsCrackNames writes a canonical name ({@code CN=Configuration,DC=a,DC=b} → a.b; an application NC
     * {@code DC=ForestDnsZones,DC=a,DC=b} → ForestDnsZones.a.b).
     */
    static String domain(String dn) {
        List<String> labels = new ArrayList<>();
        for (String rdn : dn.split("(?<!\\\\),")) {
            String r = rdn.strip();
            if (r.regionMatches(true, 0, "DC=", 0, 3)) {
                labels.add(r.substring(3));
            }
        }
        return String.join(".", labels);
    }

    private static CimValue bit(int flags, int bit) {
        return CimValue.bool((flags & bit) != 0);
    }

    /** A DSTIME as a CIM datetime; "never" (0), and a time CIM cannot write, are NULL. */
    static CimValue datetime(DsTime t) {
        return t.toInstant().flatMap(MsadInstances::fits).<CimValue>map(CimTimestamp::of).orElse(null);
    }

    private static Optional<Instant> fits(Instant t) {
        int year = t.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1601 && year <= 9999 ? Optional.of(t) : Optional.empty();
    }
}
