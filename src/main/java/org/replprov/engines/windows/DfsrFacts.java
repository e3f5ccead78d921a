package org.replprov.engines.windows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engine.spi.SyncResults;

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
 */
final class DfsrFacts {

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

    /** The link a DfsrConnectionInfo describes, with the member's replicated folders of its group as scopes. */
    static Optional<Link> link(CimInstance c, List<CimInstance> folders) {
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
                        .map(g -> Scope.folder(g, text(f, "ReplicatedFolderName"))))
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

    /** The replicated folder's state (DfsrReplicatedFolderInfo.State 0..5 are ScopeState.State in order). */
    static Optional<ScopeState> scope(CimInstance f, String host, Instant asOf) {
        Optional<UUID> folder = guid(f, "ReplicatedFolderGuid");
        Optional<UUID> group = guid(f, "ReplicationGroupGuid");
        long state = number(f, "State");
        if (folder.isEmpty() || group.isEmpty() || state < 0 || state >= ScopeState.State.values().length) {
            return Optional.empty();
        }
        long code = number(f, "LastErrorCode");
        return Optional.of(new ScopeState(group.get(), Scope.folder(folder.get(), text(f, "ReplicatedFolderName")),
                ScopeState.State.values()[(int) state],
                code == 0 ? null : error(code, number(f, "LastErrorMessageId"), host), asOf));
    }

    /** A datetime property as an instant; null for NULL and for DFSR's "never" (1 January 9999). */
    private static Instant instant(CimInstance i, String property) {
        if (i.value(property) instanceof CimTimestamp t && !t.equals(CimTimestamp.DFSR_NEVER)) {
            return t.toInstant().orElse(null);
        }
        return null;
    }
}
