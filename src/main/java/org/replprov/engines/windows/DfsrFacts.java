package org.replprov.engines.windows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engine.spi.ServiceState;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.SyncSession;

/**
 * Facts from the instances a Windows member's DFSR WMI provider reports: the Windows values pass through, and only
 * what the engine SPI cannot carry as is is translated, in one place (docs/engines.md, "Windows DFSR").
 *
 * <p>DfsrConnectionInfo.State to the link's condition, chosen so that the provider's state derivation gives the same
 * State back:
 * <pre>
 * Windows State    Condition        failures / retries   derived State
 * 0 Connecting     CONNECTING       0 or 1 / 2           Connecting
 * 1 Online         CONNECTED        0 / 1                Online
 * 2 Offline        SCHEDULE_CLOSED  0 / 1                Offline
 * 3 In Error       CONNECTING       1 / 1                In Error
 * </pre>
 * LastErrorCode is an HRESULT (EngineError code space HRESULT, passed through unchanged), and LastErrorMessageId the
 * event it is reported with (5002, 5008, 5012, 5102; another event ID counts as 5002 and is named in the text).
 *
 * <p>DfsrSyncInfo.State 0..6 and InitiationReason 0..3 are {@link SyncSession.State} and {@link SyncSession.Reason} in
 * order; DfsrInfo.State 0..3 is {@link ServiceState.State} in order. The configuration classes make one
 * {@link Configuration} per DfsrLocalMemberConfig (a membership of one replication group).
 */
final class DfsrFacts {

    /** DfsrSyncInfo.EndTime of a session in progress (the class's page): January 1, 1601. */
    private static final Instant NOT_YET = Instant.parse("1601-01-01T00:00:00Z");
    /** DFSR's megabyte (CurrentStageSizeInMb): 2^20 bytes. */
    private static final long MB = 1L << 20;
    /** DFSR's "never" (NextSyncTime without a next sync): January 1, 9999. */
    private static final Instant NEVER = CimTimestamp.DFSR_NEVER.toInstant().orElseThrow();

    private DfsrFacts() {
    }

    /**
     * The ConnectionGuid under which a connection of {@code member} is reported. Windows gives both ends of a
     * connection the same ConnectionGuid (inbound on the receiving member, outbound on the sending one), so two listed
     * members would collide: the inbound end keeps the Windows GUID (it is the one the methods act on, and what
     * Windows tools show), the outbound end gets a name-based GUID (RFC 4122 version 3) of the member's GUID and the
     * connection's, stable across restarts.
     */
    static UUID key(UUID member, UUID connection, boolean inbound) {
        if (inbound) {
            return connection;
        }
        return UUID.nameUUIDFromBytes(("DfsrConnectionInfo outbound " + Guids.format(member) + " "
                + Guids.format(connection)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ReplicatedFolderGuid under which {@code member}'s folder is reported, when a member listed before it hosts
     * the same folder: Windows gives a replicated folder one GUID on every member, the only key of both
     * DfsrReplicatedFolderInfo and DfsrReplicatedFolderConfig (mof/dfsr.mof), so two listed members would collide. As
     * for connections, a name-based GUID (RFC 4122 version 3) of the member's GUID and the folder's, stable across
     * restarts; one GUID for the member's state of the folder and its configuration of it, so that a client can join
     * the two classes on it. (The name's prefix is the configuration class's: its GUIDs were derived first, and
     * keeping the prefix keeps them.)
     */
    static UUID folderKey(UUID member, UUID folder) {
        return UUID.nameUUIDFromBytes(("DfsrReplicatedFolderConfig " + Guids.format(member) + " "
                + Guids.format(folder)).getBytes(StandardCharsets.UTF_8));
    }

    /** A GUID property; empty when NULL or not a GUID. */
    static Optional<UUID> guid(CimInstance i, String property) {
        CimValue v = i.value(property);
        return v == null ? Optional.empty() : Guids.parse(v.text());
    }

    static String text(CimInstance i, String property) {
        CimValue v = i.value(property);
        return v == null ? "" : v.text();
    }

    static long number(CimInstance i, String property) {
        return i.value(property) instanceof CimValue.Int n ? n.value() : 0;
    }

    /**
     * The link a DfsrConnectionInfo describes, with the member's replicated folders of its group as scopes, each under
     * the key {@code keys} gives its Windows ReplicatedFolderGuid ({@link #folderKey}; the GUID itself when absent).
     */
    static Optional<Link> link(CimInstance c, List<CimInstance> folders, Map<UUID, UUID> keys) {
        Optional<UUID> connection = guid(c, "ConnectionGuid");
        Optional<UUID> member = guid(c, "MemberGuid");
        Optional<UUID> partner = guid(c, "PartnerGuid");
        Optional<UUID> group = guid(c, "ReplicationGroupGuid");
        if (connection.isEmpty() || member.isEmpty() || partner.isEmpty() || group.isEmpty()) {
            return Optional.empty();
        }
        boolean inbound = c.value("Inbound") instanceof CimValue.Bool b && b.value();
        List<Scope> scopes = folders.stream()
                .filter(f -> guid(f, "ReplicationGroupGuid").equals(group))
                .flatMap(f -> guid(f, "ReplicatedFolderGuid").stream()
                        .map(g -> Scope.folder(keys.getOrDefault(g, g), text(f, "ReplicatedFolderName"))))
                .toList();
        return Optional.of(new Link(key(member.get(), connection.get(), inbound), member.get(),
                text(c, "MemberName"), partner.get(), text(c, "PartnerName"), group.get(),
                text(c, "ReplicationGroupName"), inbound, false, scopes));
    }

    /** The health of {@code link} from the same DfsrConnectionInfo (the table above). */
    static LinkHealth health(UUID link, CimInstance c, String host) {
        long state = number(c, "State");
        long code = number(c, "LastErrorCode");
        EngineError error = code == 0 ? null : error(code, number(c, "LastErrorMessageId"), host);
        SyncResults sync = new SyncResults(instant(c, "LastSyncTime"),
                Duration.ofSeconds(number(c, "LastSyncDuration")), instant(c, "LastSuccessfulSyncTime"),
                instant(c, "NextSyncTime"));
        if (state == 3) {
            EngineError e = error != null ? error
                    : EngineError.text(ConnectionFailure.CONNECTION_ERROR, host + " reports the connection In Error "
                    + "without an error code");
            return new LinkHealth(link, LinkHealth.Condition.CONNECTING, e, 1, 1, sync);
        }
        if (state == 0) {
            return new LinkHealth(link, LinkHealth.Condition.CONNECTING, error, error == null ? 0 : 1, 2, sync);
        }
        LinkHealth.Condition condition = state == 1 ? LinkHealth.Condition.CONNECTED
                : LinkHealth.Condition.SCHEDULE_CLOSED;
        return new LinkHealth(link, condition, error, 0, 1, sync);
    }

    /** An error Windows reported: the HRESULT unchanged, with the event it was logged as. */
    static EngineError error(long code, long messageId, String host) {
        ConnectionFailure event = ConnectionFailure.CONNECTION_ERROR;
        for (ConnectionFailure f : ConnectionFailure.values()) {
            if (f.eventId() == messageId) {
                event = f;
            }
        }
        return new EngineError(event, EngineError.CodeSpace.HRESULT, code & 0xFFFF_FFFFL,
                String.format("%s reports error 0x%08X (event %d)", host, code & 0xFFFF_FFFFL, messageId));
    }

    /**
     * The replicated folder's state (DfsrReplicatedFolderInfo.State 0..5 are ScopeState.State in order) under
     * {@code key}, with the member that hosts it (MemberGuid, MemberName, ReplicationGroupName; left to the links when
     * MemberGuid is NULL) and its sizes (CurrentStageSizeInMb and CurrentConflictSizeInMb in MB of 2^20 bytes,
     * LastConflictCleanupTime; none unless both sizes are there).
     */
    static Optional<ScopeState> scope(CimInstance f, UUID key, String host, Instant asOf) {
        Optional<UUID> group = guid(f, "ReplicationGroupGuid");
        long state = number(f, "State");
        if (group.isEmpty() || !(f.value("State") instanceof CimValue.Int) || state < 0
                || state >= ScopeState.State.values().length) {
            return Optional.empty();
        }
        long code = number(f, "LastErrorCode");
        ScopeState.Local local = guid(f, "MemberGuid").map(m -> new ScopeState.Local(m, text(f, "MemberName"),
                text(f, "ReplicationGroupName"))).orElse(null);
        ScopeState.Sizes sizes = null;
        if (f.value("CurrentStageSizeInMb") instanceof CimValue.Int staging
                && f.value("CurrentConflictSizeInMb") instanceof CimValue.Int conflict
                && staging.value() >= 0 && conflict.value() >= 0) {
            sizes = new ScopeState.Sizes(staging.value() * MB, conflict.value() * MB,
                    instant(f, "LastConflictCleanupTime"));
        }
        return Optional.of(new ScopeState(group.get(), Scope.folder(key, text(f, "ReplicatedFolderName")),
                ScopeState.State.values()[(int) state],
                code == 0 ? null : error(code, number(f, "LastErrorMessageId"), host), asOf, local, sizes));
    }

    /**
     * The session a DfsrSyncInfo of an inbound connection describes, under the connection's Windows GUID (the inbound
     * end's key). Empty when SyncGuid, ConnectionGuid or StartTime is missing, or State or InitiationReason is outside
     * the class's ValueMap. EndTime is the session's end only once it ended (Windows shows 1 January 1601 before); an
     * ended session without an EndTime is given its StartTime, since the engine SPI wants one.
     */
    static Optional<SyncSession> session(CimInstance s, String host) {
        Optional<UUID> sync = guid(s, "SyncGuid");
        Optional<UUID> connection = guid(s, "ConnectionGuid");
        Instant start = instant(s, "StartTime");
        long state = number(s, "State");
        long reason = number(s, "InitiationReason");
        if (sync.isEmpty() || connection.isEmpty() || start == null || !(s.value("State") instanceof CimValue.Int)
                || state < 0 || state >= SyncSession.State.values().length || reason < 0
                || reason >= SyncSession.Reason.values().length) {
            return Optional.empty();
        }
        SyncSession.State st = SyncSession.State.values()[(int) state];
        Instant end = null;
        if (st.ended()) {
            end = instant(s, "EndTime");
            end = end == null ? start : end;
        }
        long code = number(s, "LastErrorCode");
        Instant forceEnd = instant(s, "ForceReplicationEndTime");
        BandwidthLevel bandwidth = forceEnd == null || !(s.value("ForceReplicationBandwidthlevel") instanceof CimValue.Int n)
                ? null : BandwidthLevel.of(n.value()).orElse(null);
        return Optional.of(new SyncSession(connection.get(), sync.get(), st,
                SyncSession.Reason.values()[(int) reason], start, end, number(s, "UpdatesTransferred"),
                number(s, "BytesTransferred"), number(s, "UpdatesNotTransferred"),
                number(s, "UpdatesToBeTransferred"), number(s, "ConflictsGenerated"),
                number(s, "TombstonesGenerated"),
                code == 0 ? null : error(code, number(s, "LastErrorMessageId"), host), forceEnd, bandwidth));
    }

    /** The service's state from the member's DfsrInfo; empty when State is missing or outside 0..3. */
    static Optional<ServiceState> service(CimInstance info, String host) {
        long state = number(info, "State");
        if (!(info.value("State") instanceof CimValue.Int) || state < 0
                || state >= ServiceState.State.values().length) {
            return Optional.empty();
        }
        CimValue version = info.value("ProviderVersion");
        return Optional.of(new ServiceState(host, ServiceState.State.values()[(int) state],
                version == null ? null : version.text(), instant(info, "ServiceStartTime"),
                instant(info, "LastDsPollTime"), number(info, "LastErrorCode") & 0xFFFF_FFFFL,
                number(info, "LastErrorMessageId") & 0xFFFF_FFFFL));
    }

    /**
     * The member's configuration, one fact per DfsrLocalMemberConfig: the group's name from
     * DfsrReplicationGroupConfig, the folders of DfsrReplicatedFolderConfig and the connections of
     * DfsrConnectionConfig of that group and member. Connections are keyed as their links are ({@link #key});
     * {@code folderKey} gives the key a folder is reported under, from the member's GUID and the folder's.
     */
    static List<Configuration> configurations(List<CimInstance> groups, List<CimInstance> members,
                                              List<CimInstance> folders, List<CimInstance> connections,
                                              BinaryOperator<UUID> folderKey) {
        List<Configuration> out = new ArrayList<>();
        for (CimInstance m : members) {
            Optional<UUID> member = guid(m, "MemberGuid");
            Optional<UUID> group = guid(m, "ReplicationGroupGuid");
            if (member.isEmpty() || group.isEmpty()) {
                continue;
            }
            String groupName = groups.stream().filter(g -> guid(g, "ReplicationGroupGuid").equals(group))
                    .map(g -> text(g, "ReplicationGroupName")).findFirst().orElse("");
            List<Configuration.Folder> fs = new ArrayList<>();
            for (CimInstance f : folders) {
                Optional<UUID> folder = guid(f, "ReplicatedFolderGuid");
                if (folder.isPresent() && guid(f, "ReplicationGroupGuid").equals(group) && ours(f, member.get())) {
                    fs.add(new Configuration.Folder(folderKey.apply(member.get(), folder.get()), text(f, "ReplicatedFolderName"),
                            text(f, "RootPath"), nullable(f, "StagingPath"), nullable(f, "ConflictPath"),
                            bool(f, "ReadOnly"), bool(f, "Enabled")));
                }
            }
            List<Configuration.Connection> cs = new ArrayList<>();
            for (CimInstance c : connections) {
                Optional<UUID> connection = guid(c, "ConnectionGuid");
                Optional<UUID> partner = guid(c, "PartnerGuid");
                if (connection.isPresent() && partner.isPresent() && guid(c, "ReplicationGroupGuid").equals(group)
                        && ours(c, member.get())) {
                    boolean inbound = bool(c, "Inbound");
                    cs.add(new Configuration.Connection(key(member.get(), connection.get(), inbound), partner.get(),
                            text(c, "PartnerName"), inbound, bool(c, "Enabled"), schedule(c)));
                }
            }
            out.add(new Configuration(group.get(), groupName, member.get(), text(m, "MemberName"), fs, cs));
        }
        return out;
    }

    /** Whether a configuration instance belongs to {@code member} (a NULL MemberGuid is the local member's). */
    private static boolean ours(CimInstance i, UUID member) {
        Optional<UUID> g = guid(i, "MemberGuid");
        return g.isEmpty() || g.get().equals(member);
    }

    /**
     * DfsrConnectionConfig.Schedule with ScheduleInUtc (TRUE when NULL, the class's default); null when the schedule
     * is NULL or not the 336 bytes the class describes.
     */
    private static Configuration.WeekSchedule schedule(CimInstance c) {
        if (!(c.value("Schedule") instanceof CimValue.Array a) || a.elements().size() != Configuration.WeekSchedule.BYTES) {
            return null;
        }
        byte[] bytes = new byte[Configuration.WeekSchedule.BYTES];
        for (int i = 0; i < bytes.length; i++) {
            if (!(a.elements().get(i) instanceof CimValue.Int n)) {
                return null;
            }
            bytes[i] = (byte) n.value();
        }
        boolean utc = !(c.value("ScheduleInUtc") instanceof CimValue.Bool b) || b.value();
        return new Configuration.WeekSchedule(bytes, utc);
    }

    private static boolean bool(CimInstance i, String property) {
        return i.value(property) instanceof CimValue.Bool b && b.value();
    }

    private static String nullable(CimInstance i, String property) {
        CimValue v = i.value(property);
        return v == null ? null : v.text();
    }

    /**
     * A datetime property as an instant; null for NULL, for DFSR's "never" (1 January 9999) and for its "not yet"
     * (1 January 1601, DfsrSyncInfo.EndTime of a session in progress).
     */
    private static Instant instant(CimInstance i, String property) {
        if (i.value(property) instanceof CimTimestamp t) {
            Instant at = t.toInstant().orElse(null);
            return NEVER.equals(at) || NOT_YET.equals(at) ? null : at;
        }
        return null;
    }
}
