package org.replprov.engines.sambaad;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.drsr.DsTime;
import org.replprov.drsr.MalformedBlobException;
import org.replprov.drsr.ReplUpToDateVector;
import org.replprov.drsr.ReplUpToDateVectorCodec;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsFrom;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Schedule;
import org.replprov.drsr.UpToDateCursor;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.engines.sambaad.directory.NamingContextReplication;
import org.replprov.engines.sambaad.directory.NtdsConnection;
import org.replprov.engines.sambaad.directory.NtdsDsa;
import org.replprov.engines.sambaad.directory.Server;
import org.replprov.engines.sambaad.directory.Site;

/**
 * What one read of a DC means, as facts: a pure function of the directory snapshot (and the partners'
 * highestCommittedUSN), so that it can be checked without a DC. The mapping is the table in docs/engines.md
 * ("samba-ad").
 *
 * <p>Links: one inbound link per source DSA of any {@code repsFrom} value, one outbound link per DSA of any
 * {@code repsTo} value; its scopes are the NCs the values are on. The inbound link's GUID is the objectGUID of the
 * local DSA's {@code nTDSConnection} from that partner; the outbound link's is the objectGUID of the partner's
 * {@code nTDSConnection} from this DC (the same object the partner reports as its inbound link, replicated in the
 * configuration NC), so both ends of a connection report one GUID. A value without such an object (a replica added
 * by hand) gets a name-based GUID of both DSA GUIDs and the direction.
 *
 * <p>A value that does not decode is left out with one line in {@link Result#problems()}; the others are served.
 */
final class Refresh {

    /** NTDSDSA_OPT_DISABLE_INBOUND_REPL (MS-ADTS §6.1.1.2.2.1.2.1.1). */
    static final int DISABLE_INBOUND_REPL = 0x2;
    /** NTDSDSA_OPT_DISABLE_OUTBOUND_REPL. */
    static final int DISABLE_OUTBOUND_REPL = 0x4;
    /**
     * NTDSCONN_OPT_USE_NOTIFY (MS-ADTS §6.1.1.2.2.1.2.1.2): an inter-site connection that replicates on change
     * notification, as intra-site connections always do.
     */
    static final int USE_NOTIFY = 0x8;

    private Refresh() {
    }

    /**
     * The facts of one pass.
     *
     * @param repsTo every NC's {@code repsTo} values, for the RepsToStore ({@code replace(nc, values)})
     * @param partnerDnsNames the DNS name of every partner DSA, by DSA GUID, for the engine's operations
     */
    record Result(List<Link> links, List<LinkHealth> health, List<Backlog> backlogs, DirectoryState state,
                  Map<String, List<RepsTo>> repsTo, Map<UUID, Partner> partners, List<String> problems) {
    }

    /** A partner DSA as the operations need it. */
    record Partner(UUID dsaGuid, UUID invocationId, String dnsHostName, List<Scope> inboundScopes) {
    }

    private record Inbound(Scope nc, RepsFrom value) {
    }

    private record Outbound(Scope nc, RepsTo value) {
    }

    static Result of(DirectorySnapshot s, Map<UUID, Long> partnerHighestUsn, int failureThreshold, Instant now) {
        List<String> problems = new ArrayList<>();
        Map<String, Site> sitesByDn = new HashMap<>();
        s.sites().forEach(site -> sitesByDn.put(fold(site.dn()), site));
        Map<String, Server> serversByDn = new HashMap<>();
        s.servers().forEach(server -> serversByDn.put(fold(server.dn()), server));
        Map<UUID, DirectoryState.Dsa> dsas = new LinkedHashMap<>();
        Map<UUID, String> dsaDnByInvocation = new HashMap<>();
        for (NtdsDsa d : s.dsas()) {
            dsas.put(d.objectGuid(), dsa(d, serversByDn, sitesByDn));
            dsaDnByInvocation.put(d.invocationId(), d.dn());
        }
        DirectoryState.Dsa local = dsas.getOrDefault(s.dsa().objectGuid(), dsa(s.dsa(), serversByDn, sitesByDn));
        String memberName = shortName(local);
        String configDn = s.rootDse().configurationNamingContext();
        UUID groupGuid = s.namingContexts().stream().filter(nc -> nc.ncDn().equalsIgnoreCase(configDn))
                .map(NamingContextReplication::objectGuid).findFirst()
                .orElseGet(() -> nameUuid("forest", fold(configDn)));
        String groupName = dnsName(configDn);

        Map<UUID, List<Inbound>> inbound = new LinkedHashMap<>();
        Map<UUID, List<Outbound>> outbound = new LinkedHashMap<>();
        Map<String, List<RepsTo>> repsTo = new LinkedHashMap<>();
        List<DirectoryState.NamingContext> ncs = new ArrayList<>();
        Map<String, Map<UUID, Long>> cursorUsn = new HashMap<>();
        for (NamingContextReplication nc : s.namingContexts()) {
            Scope scope = new Scope(nc.objectGuid(), nc.ncDn(), Scope.Kind.NAMING_CONTEXT);
            List<DirectoryState.Cursor> cursors = new ArrayList<>();
            Map<UUID, Long> usns = new HashMap<>();
            if (nc.replUpToDateVector().isPresent()) {
                try {
                    ReplUpToDateVector v = ReplUpToDateVectorCodec.decode(nc.replUpToDateVector().get().toArray());
                    for (UpToDateCursor c : v.rgCursors()) {
                        cursors.add(new DirectoryState.Cursor(c.uuidDsa(), c.usnHighPropUpdate(),
                                Optional.ofNullable(dsaDnByInvocation.get(c.uuidDsa())),
                                c.timeLastSyncSuccess().toInstant()));
                        usns.put(c.uuidDsa(), c.usnHighPropUpdate());
                    }
                } catch (MalformedBlobException e) {
                    problems.add("replUpToDateVector of " + nc.ncDn() + ": " + e.getMessage());
                }
            }
            cursorUsn.put(fold(nc.ncDn()), usns);
            boolean writable = s.dsa().masterNcs().stream().anyMatch(m -> m.equalsIgnoreCase(nc.ncDn()));
            ncs.add(new DirectoryState.NamingContext(scope, writable, cursors));
            for (int i = 0; i < nc.repsFrom().size(); i++) {
                try {
                    RepsFrom v = RepsFrom.from(RepsFromToCodec.decode(nc.repsFrom().get(i).toArray()));
                    inbound.computeIfAbsent(v.uuidDsa(), k -> new ArrayList<>()).add(new Inbound(scope, v));
                } catch (MalformedBlobException e) {
                    problems.add("repsFrom value " + (i + 1) + " of " + nc.repsFrom().size() + " on " + nc.ncDn()
                            + ": " + e.getMessage());
                }
            }
            List<RepsTo> values = new ArrayList<>();
            for (int i = 0; i < nc.repsTo().size(); i++) {
                try {
                    RepsTo v = RepsTo.from(RepsFromToCodec.decode(nc.repsTo().get(i).toArray()));
                    if (values.stream().anyMatch(o -> o.uuidDsa().equals(v.uuidDsa()))) {
                        problems.add("repsTo value " + (i + 1) + " of " + nc.repsTo().size() + " on " + nc.ncDn()
                                + " names partner " + v.uuidDsa() + " a second time (MS-DRSR 4.1.26 allows one)");
                        continue;
                    }
                    values.add(v);
                    outbound.computeIfAbsent(v.uuidDsa(), k -> new ArrayList<>()).add(new Outbound(scope, v));
                } catch (MalformedBlobException e) {
                    problems.add("repsTo value " + (i + 1) + " of " + nc.repsTo().size() + " on " + nc.ncDn()
                            + ": " + e.getMessage());
                }
            }
            repsTo.put(nc.ncDn(), values);
        }

        List<Link> links = new ArrayList<>();
        List<LinkHealth> health = new ArrayList<>();
        List<Backlog> backlogs = new ArrayList<>();
        List<DirectoryState.Neighbor> neighbors = new ArrayList<>();
        Map<UUID, Partner> partners = new LinkedHashMap<>();
        for (Map.Entry<UUID, List<Inbound>> e : inbound.entrySet()) {
            UUID partnerGuid = e.getKey();
            boolean deleted = !dsas.containsKey(partnerGuid);
            DirectoryState.Dsa partner = deleted ? ghost(partnerGuid, e.getValue().get(0).value()) : dsas.get(partnerGuid);
            Optional<NtdsConnection> connection = connection(s, local.dn(), partner.dn());
            UUID guid = connection.map(NtdsConnection::objectGuid)
                    .orElseGet(() -> nameUuid("inbound", local.objectGuid() + ":" + partnerGuid));
            List<Scope> scopes = e.getValue().stream().map(Inbound::nc).toList();
            links.add(new Link(guid, local.objectGuid(), memberName, partnerGuid, shortName(partner), groupGuid,
                    groupName, true, false, scopes));
            boolean paused = (s.dsa().options() & DISABLE_INBOUND_REPL) != 0
                    || connection.flatMap(NtdsConnection::enabledConnection).map(enabled -> !enabled).orElse(false);
            Optional<Schedule> schedule = notified(local, partner, connection, e.getValue()) ? Optional.empty()
                    : connection.flatMap(c -> schedule(c, problems));
            health.add(inboundHealth(guid, e.getValue(), paused, schedule, now, failureThreshold));
            for (Inbound in : e.getValue()) {
                neighbors.add(new DirectoryState.Neighbor(guid, in.nc(), partner, deleted, in.value()));
                Long highest = partnerHighestUsn.get(partnerGuid);
                if (highest != null) {
                    long ours = Math.max(in.value().usnVec().usnHighPropUpdate(), cursorUsn
                            .getOrDefault(fold(in.nc().name()), Map.of()).getOrDefault(partner.invocationId(), 0L));
                    backlogs.add(new Backlog(guid, in.nc().guid(), Math.max(0, highest - ours), -1, now));
                }
            }
            partners.put(partnerGuid, new Partner(partnerGuid, partner.invocationId(), partner.dnsHostName(),
                    scopes));
        }
        for (Map.Entry<UUID, List<Outbound>> e : outbound.entrySet()) {
            UUID partnerGuid = e.getKey();
            DirectoryState.Dsa partner = dsas.get(partnerGuid);
            String partnerDn = partner == null ? "" : partner.dn();
            Optional<NtdsConnection> connection = connection(s, partnerDn, local.dn());
            UUID guid = connection.map(NtdsConnection::objectGuid)
                    .orElseGet(() -> nameUuid("outbound", local.objectGuid() + ":" + partnerGuid));
            links.add(new Link(guid, local.objectGuid(), memberName, partnerGuid,
                    partner == null ? partnerGuid.toString() : shortName(partner), groupGuid, groupName, false,
                    false, e.getValue().stream().map(Outbound::nc).toList()));
            health.add(outboundHealth(guid, e.getValue(), (s.dsa().options() & DISABLE_OUTBOUND_REPL) != 0,
                    failureThreshold));
        }
        DirectoryState state = new DirectoryState(local, ncs, neighbors, problems, now);
        return new Result(links, health, backlogs, state, repsTo, partners, problems);
    }

    /**
     * Whether the link replicates on change notification, so that its schedule only paces the periodic pulls and never
     * closes it: a connection within one site does, one between sites only with NTDSCONN_OPT_USE_NOTIFY (MS-ADTS
     * §6.1.1.2.2.1.2.1.2), and none whose {@code repsFrom} carries DRS_NEVER_NOTIFY (MS-DRSR §5.41), which is how the
     * DC itself records the choice.
     */
    private static boolean notified(DirectoryState.Dsa local, DirectoryState.Dsa partner,
                                    Optional<NtdsConnection> connection, List<Inbound> ncs) {
        if (ncs.stream().anyMatch(n -> n.value().options().contains(ReplicaFlags.Flag.DRS_NEVER_NOTIFY))) {
            return false;
        }
        boolean sameSite = !local.siteName().isEmpty() && local.siteName().equalsIgnoreCase(partner.siteName());
        return sameSite || connection.map(c -> (c.options() & USE_NOTIFY) != 0).orElse(true);
    }

    /** The connection's schedule; empty when it has none (always open) or when it does not decode (a problem). */
    private static Optional<Schedule> schedule(NtdsConnection c, List<String> problems) {
        if (c.schedule().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Schedule.decode(c.schedule().get().toArray()));
        } catch (MalformedBlobException e) {
            problems.add("schedule of " + c.dn() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * An inbound link's health from its NCs' {@code repsFrom} values: failing when any NC's last pull failed (the
     * error is that of the latest failed attempt, the count the largest), connecting while any NC never synced,
     * paused when inbound replication is disabled DC-wide or on the connection object. A link paced by its
     * {@code schedule} (not notified) is closed while the current 15-minute slot is off, and its next sync is the
     * start of the next open slot.
     */
    private static LinkHealth inboundHealth(UUID guid, List<Inbound> ncs, boolean paused,
                                            Optional<Schedule> schedule, Instant now, int threshold) {
        Inbound failed = ncs.stream().filter(n -> !n.value().resultLastAttempt().isSuccess())
                .max(Comparator.comparingLong(n -> n.value().timeLastAttempt().seconds())).orElse(null);
        long failures = ncs.stream().mapToLong(n -> n.value().consecutiveFailures()).max().orElse(0);
        boolean neverSynced = ncs.stream().anyMatch(n -> n.value().timeLastSuccess().isNever());
        Instant lastAttempt = ncs.stream().map(n -> n.value().timeLastAttempt()).filter(t -> !t.isNever())
                .max(Comparator.comparingLong(DsTime::seconds)).flatMap(DsTime::toInstant).orElse(null);
        // The link is as up to date as its least recently synced NC.
        Instant lastSuccess = neverSynced ? null : ncs.stream().map(n -> n.value().timeLastSuccess())
                .min(Comparator.comparingLong(DsTime::seconds)).flatMap(DsTime::toInstant).orElse(null);
        EngineError error = failed == null ? null : WerrorClassification.error(failed.value().resultLastAttempt(),
                "last pull of " + failed.nc().name() + " failed");
        boolean closed = schedule.map(sc -> !sc.isOpenAt(now)).orElse(false);
        LinkHealth.Condition condition = paused ? LinkHealth.Condition.PAUSED
                : closed ? LinkHealth.Condition.SCHEDULE_CLOSED
                : failed == null && !neverSynced ? LinkHealth.Condition.CONNECTED : LinkHealth.Condition.CONNECTING;
        Instant next = schedule.flatMap(sc -> sc.nextOpenAfter(now)).orElse(null);
        return new LinkHealth(guid, condition, error, (int) Math.min(failures, Integer.MAX_VALUE), threshold,
                new SyncResults(lastAttempt, Duration.ZERO, lastSuccess, next));
    }

    /** An outbound link's health from its {@code repsTo} values: the results of the change notifications sent. */
    private static LinkHealth outboundHealth(UUID guid, List<Outbound> ncs, boolean paused, int threshold) {
        Outbound failed = ncs.stream().filter(n -> !n.value().resultLastAttempt().isSuccess())
                .max(Comparator.comparingLong(n -> n.value().timeLastAttempt().seconds())).orElse(null);
        long failures = ncs.stream().mapToLong(n -> n.value().consecutiveFailures()).max().orElse(0);
        Instant lastAttempt = ncs.stream().map(n -> n.value().timeLastAttempt()).filter(t -> !t.isNever())
                .max(Comparator.comparingLong(DsTime::seconds)).flatMap(DsTime::toInstant).orElse(null);
        Instant lastSuccess = ncs.stream().map(n -> n.value().timeLastSuccess()).filter(t -> !t.isNever())
                .max(Comparator.comparingLong(DsTime::seconds)).flatMap(DsTime::toInstant).orElse(null);
        EngineError error = failed == null ? null : WerrorClassification.error(failed.value().resultLastAttempt(),
                "last change notification for " + failed.nc().name() + " failed");
        LinkHealth.Condition condition = paused ? LinkHealth.Condition.PAUSED
                : failed == null ? LinkHealth.Condition.CONNECTED : LinkHealth.Condition.CONNECTING;
        return new LinkHealth(guid, condition, error, (int) Math.min(failures, Integer.MAX_VALUE), threshold,
                new SyncResults(lastAttempt, Duration.ZERO, lastSuccess, null));
    }

    private static Optional<NtdsConnection> connection(DirectorySnapshot s, String toDsa, String fromDsa) {
        return s.connections().stream().filter(c -> c.toServer().equalsIgnoreCase(toDsa)
                && c.fromServer().equalsIgnoreCase(fromDsa)).min(Comparator.comparing(NtdsConnection::objectGuid));
    }

    private static DirectoryState.Dsa dsa(NtdsDsa d, Map<String, Server> servers, Map<String, Site> sites) {
        Server server = servers.get(fold(parentDn(d.dn())));
        String cn = server != null ? server.name() : rdnValue(parentDn(d.dn()));
        String site = server == null ? "" : Optional.ofNullable(sites.get(fold(server.siteDn()))).map(Site::name)
                .orElse(rdnValue(server.siteDn()));
        return new DirectoryState.Dsa(d.dn(), cn, site, d.objectGuid(), d.invocationId(), d.options(),
                server == null ? "" : server.dnsHostName().orElse(""));
    }

    /** A source DSA whose nTDSDSA object is gone: named by its GUID, as repadmin shows a deleted source. */
    private static DirectoryState.Dsa ghost(UUID guid, RepsFrom value) {
        return new DirectoryState.Dsa("CN=NTDS Settings\\0ADEL:" + guid, guid.toString(), "", guid,
                value.uuidInvocId(), 0, value.naDsa());
    }

    /** The unqualified DNS name ({@code dc2}), or the server's name in lower case when it has none. */
    static String shortName(DirectoryState.Dsa dsa) {
        String dns = dsa.dnsHostName();
        return (dns.isEmpty() ? dsa.commonName() : dns.split("\\.", 2)[0]).toLowerCase(Locale.ROOT);
    }

    /** {@code CN=Configuration,DC=example,DC=com} → {@code example.com}. */
    static String dnsName(String dn) {
        List<String> labels = new ArrayList<>();
        for (String rdn : splitDn(dn)) {
            if (rdn.regionMatches(true, 0, "DC=", 0, 3)) {
                labels.add(rdn.substring(3));
            }
        }
        return String.join(".", labels).toLowerCase(Locale.ROOT);
    }

    static String parentDn(String dn) {
        List<String> rdns = splitDn(dn);
        return String.join(",", rdns.subList(Math.min(1, rdns.size()), rdns.size()));
    }

    private static String rdnValue(String dn) {
        List<String> rdns = splitDn(dn);
        if (rdns.isEmpty()) {
            return "";
        }
        String first = rdns.get(0);
        return first.substring(first.indexOf('=') + 1);
    }

    /** RDNs of a DN, split at commas that are not escaped (RFC 4514 §3). */
    private static List<String> splitDn(String dn) {
        List<String> rdns = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                b.append(c).append(dn.charAt(++i));
            } else if (c == ',') {
                rdns.add(b.toString().strip());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        if (b.length() > 0) {
            rdns.add(b.toString().strip());
        }
        return rdns;
    }

    static String fold(String dn) {
        return dn.toLowerCase(Locale.ROOT);
    }

    static UUID nameUuid(String kind, String names) {
        return UUID.nameUUIDFromBytes(("replprov:samba-ad:" + kind + ":" + names).getBytes(StandardCharsets.UTF_8));
    }
}
