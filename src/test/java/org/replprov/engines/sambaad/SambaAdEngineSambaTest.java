package org.replprov.engines.sambaad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.drsr.Bytes;
import org.replprov.drsr.RepsFrom;
import org.replprov.drsr.RepsTo;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.engines.sambaad.directory.DirectoryReader;
import org.replprov.engines.sambaad.directory.DirectorySettings;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.engines.sambaad.directory.LdapiUrl;
import org.replprov.engines.sambaad.directory.NamingContextReplication;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.providers.dfsr.StateDerivation;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.testing.SambaDomain;
import org.replprov.testing.SambaDomain.DomainController;
import org.replprov.testing.ShowRepl;
import org.replprov.time.SystemScheduler;

/**
 * The samba-ad engine against two real Samba AD DCs, with Samba's own {@code samba-tool drs showrepl --json} and
 * {@code ldapsearch} as the oracles.
 */
class SambaAdEngineSambaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static SambaDomain domain;

    @TempDir
    Path dir;

    private final List<SambaAdEngine> engines = new ArrayList<>();
    private final SystemScheduler scheduler = new SystemScheduler("samba-ad-test");

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.start();
    }

    @AfterAll
    static void stopDomain() {
        if (domain != null) {
            domain.close();
        }
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(SambaAdEngine::close);
        scheduler.close();
    }

    /** What an engine reported. */
    static final class Heard {
        final List<Observation> facts = new CopyOnWriteArrayList<>();

        List<Link> links() {
            return facts.stream().filter(Link.class::isInstance).map(Link.class::cast).toList();
        }

        Link inbound() {
            return links().stream().filter(Link::inbound).reduce((a, b) -> b).orElseThrow();
        }

        Link outbound() {
            return links().stream().filter(l -> !l.inbound()).reduce((a, b) -> b).orElseThrow();
        }

        Optional<LinkHealth> health(UUID link) {
            return facts.stream().filter(LinkHealth.class::isInstance).map(LinkHealth.class::cast)
                    .filter(h -> h.connectionGuid().equals(link)).reduce((a, b) -> b);
        }

        ConnectionState state(UUID link) {
            return health(link).map(StateDerivation::state).orElse(ConnectionState.INITIAL);
        }

        Optional<DirectoryState> directory() {
            return facts.stream().filter(DirectoryState.class::isInstance).map(DirectoryState.class::cast)
                    .reduce((a, b) -> b);
        }

        void await(Predicate<Heard> done, String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(this)) {
                assertThat(System.nanoTime()).as(what + "; last facts: " + facts.subList(Math.max(0,
                        facts.size() - 6), facts.size())).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private record Started(SambaAdEngine engine, Heard heard, InMemoryRepsToStore repsTo) {
    }

    private Started start(DomainController dc, Duration poll) throws Exception {
        return start(dc, SambaAdTesting.settings(domain, dc, dir.resolve("password"), poll));
    }

    private Started start(DomainController dc, Map<String, Object> settings) throws Exception {
        InMemoryRepsToStore store = InMemoryRepsToStore.create();
        SambaAdEngine e = SambaAdTesting.engine(settings, dir.resolve("state-" + dc.name()), scheduler,
                Optional.of(store));
        engines.add(e);
        Heard heard = new Heard();
        e.start(heard.facts::add);
        heard.await(h -> h.directory().isPresent(), dc + " read");
        return new Started(e, heard, store);
    }

    @Test
    void everyNeighborAndRepsToValueIsWhatShowreplReports() throws Exception {
        for (DomainController dc : domain.controllers()) {
            Started s = start(dc, Duration.ofMillis(300));
            // The DCs replicate on their own: compare a pass made between two showrepl answers that agree.
            ShowRepl oracle = null;
            DirectoryState state = null;
            for (int attempt = 0; attempt < 20 && oracle == null; attempt++) {
                ShowRepl before = dc.showRepl();
                java.time.Instant asked = java.time.Instant.now();
                s.heard().await(h -> h.directory().orElseThrow().asOf().isAfter(asked), "a pass after showrepl");
                DirectoryState read = s.heard().directory().orElseThrow();
                if (dc.showRepl().equals(before)) {
                    oracle = before;
                    state = read;
                }
            }
            assertThat(oracle).as("showrepl settles").isNotNull();
            assertThat(state.problems()).isEmpty();
            assertThat(state.local().objectGuid()).isEqualTo(oracle.dsa().objectGuid());
            assertThat(state.local().invocationId()).isEqualTo(oracle.dsa().invocationId());
            assertThat(state.neighbors()).hasSameSizeAs(oracle.repsFrom()).hasSize(5);
            for (ShowRepl.Neighbour n : oracle.repsFrom()) {
                DirectoryState.Neighbor mine = state.neighbors().stream()
                        .filter(x -> x.namingContext().name().equalsIgnoreCase(n.ncDn())
                                && x.source().objectGuid().equals(n.dsaObjectGuid())).findFirst().orElseThrow();
                RepsFrom v = mine.repsFrom();
                assertThat(mine.source().dn()).as("NTDS DN").isEqualTo(n.ntdsDn());
                assertThat(mine.source().siteName() + "\\" + mine.source().commonName()).as("DSA").isEqualTo(n.dsa());
                assertThat(SambaAdTesting.sambaTime(v.timeLastAttempt())).as("last attempt time")
                        .isEqualTo(n.lastAttemptTime());
                assertThat(SambaAdTesting.sambaTime(v.timeLastSuccess())).as("last success").isEqualTo(n.lastSuccess());
                assertThat(message(v.resultLastAttempt().code(), v.resultLastAttempt().werrName()))
                        .as("last attempt message").isEqualTo(n.lastAttemptMessage());
                assertThat(v.consecutiveFailures()).as("consecutive failures").isEqualTo(n.consecutiveFailures());
                assertThat(mine.sourceDeleted()).as("is deleted").isEqualTo(n.deleted());
            }
            List<RepsToEntry> values = s.repsTo().repsTo();
            assertThat(values).hasSameSizeAs(oracle.repsTo()).hasSize(5);
            for (ShowRepl.Neighbour n : oracle.repsTo()) {
                RepsTo v = values.stream().filter(x -> x.namingContext().equalsIgnoreCase(n.ncDn())
                        && x.repsTo().uuidDsa().equals(n.dsaObjectGuid())).findFirst().orElseThrow().repsTo();
                assertThat(SambaAdTesting.sambaTime(v.timeLastAttempt())).isEqualTo(n.lastAttemptTime());
                assertThat(SambaAdTesting.sambaTime(v.timeLastSuccess())).isEqualTo(n.lastSuccess());
                assertThat(message(v.resultLastAttempt().code(), v.resultLastAttempt().werrName()))
                        .isEqualTo(n.lastAttemptMessage());
                assertThat(v.consecutiveFailures()).isEqualTo(n.consecutiveFailures());
            }
        }
    }

    private static String message(int code, Optional<String> name) {
        return code == 0 ? "was successful" : "failed, result " + Integer.toUnsignedString(code) + " ("
                + name.orElse("?") + ")";
    }

    @Test
    void bothEndsOfAConnectionReportOneGuidAndTheLinksAreOnline() throws Exception {
        Started one = start(domain.dc1(), Duration.ofSeconds(1));
        Started two = start(domain.dc2(), Duration.ofSeconds(1));
        Link in1 = one.heard().inbound();
        Link out2 = two.heard().outbound();
        assertThat(one.heard().links()).hasSize(2);
        assertThat(in1.connectionGuid()).as("DC1's inbound = DC2's outbound").isEqualTo(out2.connectionGuid());
        assertThat(in1.partnerName()).isEqualTo("dc2");
        assertThat(in1.memberName()).isEqualTo("dc1");
        assertThat(in1.replicationGroupName()).isEqualTo(SambaDomain.DNS_DOMAIN);
        assertThat(in1.replicationGroupGuid()).isEqualTo(out2.replicationGroupGuid());
        assertThat(in1.scopes()).hasSize(5).allSatisfy(sc -> assertThat(sc.kind()).isEqualTo(
                org.replprov.engine.spi.Scope.Kind.NAMING_CONTEXT));
        ShowRepl oracle = domain.dc1().showRepl();
        assertThat(oracle.connections()).singleElement().satisfies(c ->
                assertThat(c.remoteDn()).isEqualTo("CN=NTDS Settings,CN=DC2,CN=Servers,CN=Default-First-Site-Name,"
                        + "CN=Sites,CN=Configuration," + SambaDomain.DOMAIN_DN));
        one.heard().await(h -> h.state(in1.connectionGuid()) == ConnectionState.ONLINE, "DC1 inbound Online");
        // The outbound end follows the partner's pulls and notifications, which a test before may have left failing
        // for a pass: it settles Online once they succeed again.
        Link out1 = one.heard().outbound();
        one.heard().await(h -> h.state(out1.connectionGuid()) == ConnectionState.ONLINE, "DC1 outbound Online");
    }

    /**
     * {@code url: ldapi://} on DC1's privileged socket, {@code private/ldap_priv/ldapi}. The DC's private directory is
     * on the host's file system and a socket named by a path belongs to no network namespace, so the test JVM reaches
     * it as a process on the DC would. The engine reports the links, naming contexts and repsTo values it reports
     * over LDAPS, and the links go Online.
     */
    @Test
    void overLdapiTheEngineReportsWhatItReportsOverLdaps() throws Exception {
        DomainController dc1 = domain.dc1();
        Started tls = start(dc1, Duration.ofSeconds(1));
        Map<String, Object> settings = SambaAdTesting.settings(domain, dc1, dir.resolve("password"),
                Duration.ofSeconds(1));
        settings.put("url", ldapi(dc1.dir().resolve("private/ldap_priv/ldapi")));
        settings.remove("tlsHostName");
        Started local = start(dc1, settings);
        record Seen(UUID connection, boolean inbound, String partner, List<String> ncs) {
        }
        java.util.function.Function<Heard, java.util.Set<Seen>> links = h -> h.links().stream()
                .map(l -> new Seen(l.connectionGuid(), l.inbound(), l.partnerName(), l.scopes().stream()
                        .map(org.replprov.engine.spi.Scope::name).sorted().toList()))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(links.apply(local.heard())).hasSize(2).isEqualTo(links.apply(tls.heard()));
        assertThat(local.heard().inbound().scopes()).hasSize(5);
        java.util.function.Function<InMemoryRepsToStore, java.util.Set<List<String>>> repsTo = st -> st.repsTo()
                .stream().map(v -> List.of(v.namingContext(), v.repsTo().uuidDsa().toString(), v.repsTo().naDsa()))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(repsTo.apply(local.repsTo())).hasSize(5).isEqualTo(repsTo.apply(tls.repsTo()));
        Link in = local.heard().inbound();
        local.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.ONLINE, "inbound Online over ldapi");
    }

    /**
     * Over Samba's sockets the bind is what it is over TLS: on the privileged socket (SYSTEM until a bind) a wrong
     * password is refused, and a bound user has that user's rights, not SYSTEM's; the unprivileged socket
     * ({@code private/ldapi}) refuses a simple bind outright while {@code ldap server require strong auth} is on.
     */
    @Test
    void overLdapiTheBindDecidesWhoTheEngineIs() throws Exception {
        DomainController dc1 = domain.dc1();
        DirectorySettings privileged = DirectorySettings.of(LdapiUrl.parse(ldapi(dc1.dir().resolve(
                "private/ldap_priv/ldapi"))), domain.adminUpn(), Optional.empty());
        assertThatThrownBy(() -> DirectoryReader.connect(privileged, "wrong-password".toCharArray()))
                .isInstanceOfSatisfying(org.replprov.engines.sambaad.directory.DirectoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(
                                org.replprov.engines.sambaad.directory.DirectoryException.Kind.AUTHENTICATION))
                .hasMessageContaining("invalid credentials");
        DirectorySettings unprivileged = DirectorySettings.of(LdapiUrl.parse(ldapi(dc1.dir().resolve(
                "private/ldapi"))), domain.adminUpn(), Optional.empty());
        assertThatThrownBy(() -> DirectoryReader.connect(unprivileged, domain.adminPassword().toCharArray()))
                .isInstanceOfSatisfying(org.replprov.engines.sambaad.directory.DirectoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(
                                org.replprov.engines.sambaad.directory.DirectoryException.Kind.AUTHENTICATION))
                .hasMessageContaining("Transport encryption required");
        String user = "plain" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        dc1.sambaTool(Duration.ofSeconds(60), "user", "create", user, "Plain-Passw0rd-1").requireOk();
        try (DirectoryReader r = DirectoryReader.connect(new DirectorySettings(privileged.url(),
                user + "@" + SambaDomain.REALM, Optional.empty(), Optional.empty(), privileged.connectTimeout(),
                privileged.operationTimeout(), privileged.maxEntries(), privileged.maxMessageBytes()),
                "Plain-Passw0rd-1".toCharArray())) {
            String dsa = r.rootDse().dsServiceName();
            int options = r.dsa(dsa).options();
            assertThat(options).as("DC1 is a global catalog (NTDSDSA_OPT_IS_GC)").isNotZero();
            // Administrator or SYSTEM may rewrite the DSA's options (here with the value they have); a user may not.
            assertThatThrownBy(() -> r.replaceDsaOptions(dsa, options, options))
                    .hasMessageContaining("insufficient access");
        }
    }

    private static String ldapi(Path socket) {
        return "ldapi://" + socket.toString().replace("/", "%2F");
    }

    @Test
    void aUserCreatedOnDc2ReachesDc1ThroughForceReplicationWellBeforeThePeriodicPass() throws Exception {
        Started one = start(domain.dc1(), Duration.ofMinutes(5));
        Link in = one.heard().inbound();
        String user = "forced" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        domain.dc2().sambaTool(Duration.ofSeconds(60), "user", "create", user, "Forced-Passw0rd-1").requireOk();
        long t0 = System.nanoTime();
        one.engine().forceReplication(in.connectionGuid(), ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        SambaDomain.ToolResult search = domain.dc1().run(Duration.ofSeconds(30), List.of("env",
                "LDAPTLS_CACERT=" + domain.dc1().caFile(), "ldapsearch", "-LLL", "-x",
                "-H", "ldaps://" + domain.dc1().hostName(), "-D", domain.adminUpn(), "-w", domain.adminPassword(), "-b",
                SambaDomain.DOMAIN_DN, "(sAMAccountName=" + user + ")", "dn"), false);
        assertThat(search.stdout()).as(search.toString()).contains("CN=" + user + ",CN=Users," + SambaDomain.DOMAIN_DN);
        assertThat(took).as("well before the 300 s periodic pass").isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void modeFourWaitsUntilTheCursorReachesThePartnersUsnAndBandwidthIsRefused() throws Exception {
        Started one = start(domain.dc1(), Duration.ofMinutes(5));
        Link in = one.heard().inbound();
        domain.dc2().sambaTool(Duration.ofSeconds(60), "user", "create", "insync" + Long.toHexString(
                System.nanoTime() & 0xFFFFFF), "Forced-Passw0rd-1").requireOk();
        long partnerUsn;
        try (DirectoryReader r = DirectoryReader.connect(DirectorySettings.of(domain.dc2().ldapsUrl(),
                domain.adminUpn(), Optional.of(domain.dc2().caFile())).withTlsHostName(domain.dc2().hostName()),
                domain.adminPassword().toCharArray())) {
            partnerUsn = r.rootDse().highestCommittedUsn();
        }
        one.engine().forceReplication(in.connectionGuid(), ReplicationMode.SYNC_UNTIL_IN_SYNC,
                BandwidthLevel.INFINITE);
        UUID dc2Invocation = domain.dc2().showRepl().dsa().invocationId();
        try (DirectoryReader r = DirectoryReader.connect(dc1Settings(), domain.adminPassword().toCharArray())) {
            NamingContextReplication nc = r.namingContext(SambaDomain.DOMAIN_DN);
            long cursor = org.replprov.drsr.ReplUpToDateVectorCodec.decode(nc.replUpToDateVector().orElseThrow()
                    .toArray()).cursorFor(dc2Invocation).orElseThrow().usnHighPropUpdate();
            assertThat(cursor).as("DC1's cursor for DC2").isGreaterThanOrEqualTo(partnerUsn);
        }
        assertThatThrownBy(() -> one.engine().forceReplication(in.connectionGuid(), ReplicationMode.SYNC_NOW,
                BandwidthLevel.MBPS_1)).isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.returnCode()).hasValue(50));
    }

    private static DirectorySettings dc1Settings() {
        return DirectorySettings.of(domain.dc1().ldapsUrl(), domain.adminUpn(), Optional.of(domain.dc1().caFile()))
                .withTlsHostName(domain.dc1().hostName());
    }

    @Test
    void stopSyncDisablesInboundReplicationDurablyAndObeyScheduleRestoresIt() throws Exception {
        Started one = start(domain.dc1(), Duration.ofMinutes(5));
        Link in = one.heard().inbound();
        one.engine().forceReplication(in.connectionGuid(), ReplicationMode.STOP_SYNC, BandwidthLevel.INFINITE);
        assertThat(dsaOptions()).contains("DISABLE_INBOUND_REPL");
        one.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.OFFLINE, "Offline while stopped");
        assertThat(Files.readString(dir.resolve("state-DC1").resolve(SambaAdEngine.STOP_SYNC_FILE)))
                .contains(in.connectionGuid().toString()).contains("set-by-replprov");
        // The process ends without a revert (as after kill -9); a new engine on the same state directory restores
        // the DC when the provider reverts the override it kept.
        one.engine().close();
        Started again = start(domain.dc1(), Duration.ofMinutes(5));
        assertThat(again.heard().state(in.connectionGuid())).isEqualTo(ConnectionState.OFFLINE);
        again.engine().forceReplication(in.connectionGuid(), ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
        assertThat(dsaOptions()).doesNotContain("DISABLE_INBOUND_REPL");
        assertThat(dir.resolve("state-DC1").resolve(SambaAdEngine.STOP_SYNC_FILE)).doesNotExist();
        again.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.ONLINE, "Online again");
    }

    private static String dsaOptions() throws Exception {
        return domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "options", domain.dc1().hostName())
                .requireOk().stdout();
    }

    @Test
    void dc2StoppedTakesDc1sInboundLinkThroughConnectingToInErrorWithTheRealWerrorAndBack() throws Exception {
        Started one = start(domain.dc1(), Duration.ofMillis(500));
        Link in = one.heard().inbound();
        one.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.ONLINE, "Online");
        domain.dc2().stop();
        try {
            EngineException first = forceFails(one, in);
            one.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.CONNECTING, "Connecting");
            LinkHealth connecting = one.heard().health(in.connectionGuid()).orElseThrow();
            assertThat(connecting.consecutiveFailures()).isEqualTo(1);
            forceFails(one, in);
            one.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.IN_ERROR, "In Error");
            // The DC may try again on its own: compare with a pass made after showrepl answered.
            ShowRepl oracle = domain.dc1().showRepl();
            ShowRepl.Neighbour failing = oracle.repsFrom().stream().filter(n -> !n.successful())
                    .max(java.util.Comparator.comparingInt(ShowRepl.Neighbour::consecutiveFailures)).orElseThrow();
            one.heard().await(h -> h.health(in.connectionGuid()).orElseThrow().consecutiveFailures()
                    >= failing.consecutiveFailures(), "the failures showrepl counts");
            LinkHealth error = one.heard().health(in.connectionGuid()).orElseThrow();
            EngineError e = error.lastError();
            assertThat(e.space()).isEqualTo(EngineError.CodeSpace.WERROR);
            assertThat(failing.lastAttemptMessage()).isEqualTo("failed, result " + e.code() + " ("
                    + new org.replprov.drsr.Win32Error((int) e.code()).werrName().orElseThrow() + ")");
            // The first pull met a connection reset, the later ones a refused connection: both "unreachable".
            assertThat(WerrorClassification.event(new org.replprov.drsr.Win32Error(first.returnCode().orElseThrow())))
                    .isEqualTo(org.replprov.engine.spi.ConnectionFailure.SERVICE_UNREACHABLE);
            assertThat(error.consecutiveFailures()).isGreaterThanOrEqualTo(2);
            assertThat(e.event().eventId()).isEqualTo(WerrorClassification.event(
                    new org.replprov.drsr.Win32Error((int) e.code())).eventId());
        } finally {
            domain.dc2().start();
        }
        one.engine().forceReplication(in.connectionGuid(), ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE);
        one.heard().await(h -> h.state(in.connectionGuid()) == ConnectionState.ONLINE, "Online again");
    }

    private static EngineException forceFails(Started s, Link in) {
        try {
            s.engine().forceFolderReplication(in.connectionGuid(), in.scopes().get(0).guid(),
                    ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE);
        } catch (EngineException e) {
            assertThat(e.returnCode()).as(e.getMessage()).isPresent();
            return e;
        }
        throw new AssertionError("DsReplicaSync from a stopped DC succeeded");
    }

    @Test
    void aTamperedValueIsOneErrorOnThatEntryAndTheRestIsServed() throws Exception {
        DirectorySnapshot real;
        try (DirectoryReader r = DirectoryReader.connect(dc1Settings(), domain.adminPassword().toCharArray())) {
            real = r.readAll();
        }
        List<NamingContextReplication> ncs = new ArrayList<>(real.namingContexts());
        NamingContextReplication victim = ncs.get(0);
        byte[] bytes = victim.repsFrom().get(0).toArray();
        bytes[8] = (byte) 0xFF; // cb far past the end of the value
        bytes[9] = (byte) 0xFF;
        ncs.set(0, new NamingContextReplication(victim.ncDn(), victim.objectGuid(), List.of(Bytes.of(bytes)),
                victim.repsTo(), Optional.of(Bytes.of(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0}))));
        DirectorySnapshot tampered = new DirectorySnapshot(real.rootDse(), real.dsa(), real.sites(), real.servers(),
                real.dsas(), real.connections(), ncs, real.elapsed());
        Refresh.Result r = Refresh.of(tampered, Map.of(), 2, java.time.Instant.now());
        assertThat(r.problems()).hasSize(2);
        assertThat(r.problems().get(0)).startsWith("replUpToDateVector of " + victim.ncDn() + ": cNumCursors");
        assertThat(r.problems().get(1)).startsWith("repsFrom value 1 of 1 on " + victim.ncDn() + ": ")
                .contains("at offset 0x");
        assertThat(r.state().neighbors()).hasSize(4);
        assertThat(r.links().stream().filter(Link::inbound).findFirst().orElseThrow().scopes()).hasSize(4);
        assertThat(r.repsTo().values().stream().mapToInt(List::size).sum()).isEqualTo(5);
    }
}
