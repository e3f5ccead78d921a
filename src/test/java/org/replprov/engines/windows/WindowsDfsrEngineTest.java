package org.replprov.engines.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engine.spi.ServiceState;
import org.replprov.engine.spi.SyncSession;
import org.replprov.engines.windows.wsman.WsmanServer;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.providers.dfsr.StateDerivation;
import org.replprov.time.SystemScheduler;

/**
 * Two simulated Windows members behind one engine: links and their keys, states, backlog, methods, a hung member;
 * sync sessions, the services and the configuration, and a class one member refuses.
 */
class WindowsDfsrEngineTest {

    @TempDir
    Path dir;
    TwoMembers members;
    SystemScheduler scheduler;
    WindowsDfsrEngine engine;
    final List<Observation> facts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        members = new TwoMembers(dir);
        scheduler = new SystemScheduler("windows-dfsr-test");
        engine = members.engine(scheduler, Map.of());
        engine.start(facts::add);
    }

    @AfterEach
    void stop() {
        engine.close();
        scheduler.close();
        members.close();
    }

    private void await(Predicate<List<Observation>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(List.copyOf(facts))) {
            assertThat(System.nanoTime()).as(what + "; heard " + facts).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private List<Link> links() {
        return facts.stream().filter(Link.class::isInstance).map(Link.class::cast).toList();
    }

    private LinkHealth lastHealth(UUID link) {
        LinkHealth last = null;
        for (Observation o : facts) {
            if (o instanceof LinkHealth h && h.connectionGuid().equals(link)) {
                last = h;
            }
        }
        return last;
    }

    private ConnectionState state(UUID link) {
        LinkHealth h = lastHealth(link);
        return h == null ? null : StateDerivation.state(h);
    }

    @Test
    void bothEndsOfEachConnectionAreLinksUnderKeysThatDoNotCollide() throws Exception {
        await(f -> links().size() == 4, "four links: both ends of C1 and C2");
        List<Link> links = links();
        assertThat(links.stream().map(Link::connectionGuid).distinct()).hasSize(4);
        Link c1In = links.stream().filter(l -> l.inbound() && l.memberName().equals("FS01")).findFirst().orElseThrow();
        Link c2In = links.stream().filter(l -> l.inbound() && l.memberName().equals("FS02")).findFirst().orElseThrow();
        assertThat(c1In.connectionGuid()).as("the inbound end keeps the Windows GUID").isEqualTo(TwoMembers.C1);
        assertThat(c2In.connectionGuid()).isEqualTo(TwoMembers.C2);
        Link c1Out = links.stream().filter(l -> !l.inbound() && l.memberName().equals("FS02")).findFirst()
                .orElseThrow();
        assertThat(c1Out.connectionGuid()).isEqualTo(DfsrFacts.key(TwoMembers.FS02.guid(), TwoMembers.C1, false))
                .isNotEqualTo(TwoMembers.C1);
        assertThat(c1In.partnerGuid()).isEqualTo(TwoMembers.FS02.guid());
        assertThat(c1In.scopes()).singleElement().satisfies(s -> {
            assertThat(s.guid()).as("FS01 is listed first and keeps the folder's GUID").isEqualTo(TwoMembers.FOLDER);
            assertThat(s.name()).isEqualTo("Data");
        });
        assertThat(c2In.scopes()).singleElement().satisfies(s -> {
            assertThat(s.guid()).as("FS02's folder, under its own key").isEqualTo(FS02_FOLDER);
            assertThat(s.name()).isEqualTo("Data");
        });
        assertThat(c1Out.scopes()).extracting(Scope::guid).containsExactly(FS02_FOLDER);
        assertThat(c1In.onDemand()).isFalse();
    }

    /** FS02's folder: the Windows GUID is FS01's, listed first. */
    static final UUID FS02_FOLDER = DfsrFacts.folderKey(TwoMembers.FS02.guid(), TwoMembers.FOLDER);

    private List<ScopeState> scopeStates(UUID key) {
        return all(ScopeState.class).stream().filter(s -> s.scope().guid().equals(key)).toList();
    }

    @Test
    void eachMembersFolderIsAStateOfItsOwnThatStaysItsOwnPollAfterPoll() throws Exception {
        await(f -> scopeStates(TwoMembers.FOLDER).size() >= 4 && scopeStates(FS02_FOLDER).size() >= 4,
                "four polls of each member's folder");
        assertThat(all(ScopeState.class)).extracting(s -> s.scope().guid())
                .as("no third key, no state of the folder under another member's key")
                .containsOnly(TwoMembers.FOLDER, FS02_FOLDER);
        assertThat(scopeStates(TwoMembers.FOLDER)).allSatisfy(s -> {
            assertThat(s.local()).isEqualTo(new ScopeState.Local(TwoMembers.FS01.guid(), "FS01", "RG-Data"));
            assertThat(s.state()).isEqualTo(ScopeState.State.NORMAL);
            assertThat(s.lastError()).isNull();
            assertThat(s.sizes()).isEqualTo(new ScopeState.Sizes(12L << 20, 0, null));
            assertThat(s.replicationGroupGuid()).isEqualTo(TwoMembers.GROUP);
        });
        assertThat(scopeStates(FS02_FOLDER)).allSatisfy(s -> {
            assertThat(s.local()).isEqualTo(new ScopeState.Local(TwoMembers.FS02.guid(), "FS02", "RG-Data"));
            assertThat(s.state()).isEqualTo(ScopeState.State.INITIAL_SYNC);
            assertThat(s.lastError().space()).isEqualTo(EngineError.CodeSpace.HRESULT);
            assertThat(s.lastError().code()).isEqualTo(TwoMembers.FOLDER_ERROR);
            assertThat(s.sizes()).isEqualTo(new ScopeState.Sizes(300L << 20, 45L << 20,
                    Instant.parse("2024-01-14T02:00:00Z")));
            assertThat(s.scope().name()).isEqualTo("Data");
        });
    }

    @Test
    void windowsStatesAndErrorsPassThrough() throws Exception {
        await(f -> state(TwoMembers.C1) != null && state(TwoMembers.C2) != null, "health of C1 and C2");
        assertThat(state(TwoMembers.C1)).isEqualTo(ConnectionState.ONLINE);
        assertThat(state(TwoMembers.C2)).isEqualTo(ConnectionState.IN_ERROR);
        EngineError e = lastHealth(TwoMembers.C2).lastError();
        assertThat(e.space()).isEqualTo(EngineError.CodeSpace.HRESULT);
        assertThat(e.code()).isEqualTo(TwoMembers.ERROR_CODE);
        assertThat(e.event()).isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(lastHealth(TwoMembers.C1).sync().lastSyncDuration()).isEqualTo(Duration.ofSeconds(42));
        assertThat(lastHealth(TwoMembers.C1).sync().nextSyncTime()).as("9999 is never").isNull();
        await(f -> f.stream().anyMatch(o -> o instanceof ScopeState s && s.state() == ScopeState.State.NORMAL),
                "the replicated folder Normal");
    }

    @Test
    void theBacklogComesFromTheReceiversVersionVectorCountedOnTheSender() throws Exception {
        await(f -> f.stream().filter(Backlog.class::isInstance).map(o -> ((Backlog) o).connectionGuid())
                .distinct().count() == 2, "a backlog for C1 and C2");
        Backlog c1 = facts.stream().filter(o -> o instanceof Backlog b && b.connectionGuid().equals(TwoMembers.C1))
                .map(Backlog.class::cast).findFirst().orElseThrow();
        assertThat(c1.items()).as("FS02 counts for FS01's vector").isEqualTo(7);
        assertThat(c1.scopeGuid()).as("FS01's folder").isEqualTo(TwoMembers.FOLDER);
        assertThat(c1.bytes()).isEqualTo(-1);
        Backlog c2 = facts.stream().filter(o -> o instanceof Backlog b && b.connectionGuid().equals(TwoMembers.C2))
                .map(Backlog.class::cast).findFirst().orElseThrow();
        assertThat(c2.items()).isEqualTo(3);
        assertThat(c2.scopeGuid()).as("the receiver's folder, FS02's key as its link carries it")
                .isEqualTo(FS02_FOLDER);
        assertThat(members.fs02.invocations()).anySatisfy(i -> {
            assertThat(i.method()).isEqualTo("GetOutboundBacklogFileCount");
            assertThat(i.inputs()).containsEntry("VersionVector", "vv-FS01");
        });
        for (WsmanServer s : List.of(members.fs01, members.fs02)) {
            assertThat(s.invocations()).as("both members are called with the folder's Windows GUID")
                    .filteredOn(i -> i.method().startsWith("Get")).isNotEmpty()
                    .allSatisfy(i -> assertThat(i.selectors()).containsExactly(
                            Map.entry("ReplicatedFolderGuid", "FFFFFFFF-0000-4000-8000-00000000000F")));
        }
    }

    @Test
    void methodsGoToTheMemberThatReportsTheConnectionAndItsReturnValueComesBack() throws Exception {
        await(f -> links().size() == 4, "four links");
        engine.forceReplication(TwoMembers.C1, ReplicationMode.SYNC_NOW, BandwidthLevel.MBPS_16);
        assertThat(members.fs01.invocations()).singleElement().satisfies(i -> {
            assertThat(i.method()).isEqualTo("ForceReplication");
            assertThat(i.selectors()).containsEntry("ConnectionGuid", "C1C1C1C1-0000-4000-8000-0000000000C1");
            assertThat(i.inputs()).isEqualTo(Map.of("Mode", "2", "DurationInMin", "10080", "Bandwidth", "10"));
        });
        assertThat(members.fs02.invocations()).noneMatch(i -> i.method().startsWith("Force"));

        UUID c1Out = DfsrFacts.key(TwoMembers.FS02.guid(), TwoMembers.C1, false);
        members.fs02.method("DfsrConnectionInfo", "CheckConnectivity", (i, in) -> Map.of("ReturnValue", "1722"));
        assertThatThrownBy(() -> engine.checkConnectivity(c1Out))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.returnCode()).hasValue(1722));
        assertThat(members.fs02.invocations()).anySatisfy(i -> assertThat(i.selectors())
                .as("the outbound end is called by its Windows GUID")
                .containsEntry("ConnectionGuid", "C1C1C1C1-0000-4000-8000-0000000000C1"));

        // C2 is FS02's inbound connection: its folder is FS02's, named by FS02's key, and goes over the wire by
        // the Windows GUID.
        engine.forceFolderReplication(TwoMembers.C2, FS02_FOLDER, ReplicationMode.SYNC_NOW,
                BandwidthLevel.INFINITE);
        engine.forceDownload(TwoMembers.C2, FS02_FOLDER,
                org.replprov.engine.spi.Uid.parse("{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v538").orElseThrow());
        assertThat(members.fs02.invocations()).filteredOn(i -> i.method().startsWith("Force")).satisfiesExactly(
                i -> {
                    assertThat(i.method()).isEqualTo("ForceFolderReplication");
                    assertThat(i.selectors()).containsEntry("ConnectionGuid", "C2C2C2C2-0000-4000-8000-0000000000C2");
                    assertThat(i.inputs()).containsEntry("ReplicatedFolderGuid",
                            "FFFFFFFF-0000-4000-8000-00000000000F").containsEntry("Bandwidth", "15");
                },
                i -> assertThat(i.inputs()).containsEntry("ReplicatedFolderGuid",
                        "FFFFFFFF-0000-4000-8000-00000000000F")
                        .containsEntry("Uid", "{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v538"));
        assertThat(members.fs01.invocations()).noneMatch(i -> i.method().startsWith("ForceFolder"));
        assertThatThrownBy(() -> engine.forceFolderReplication(TwoMembers.C2, TwoMembers.FOLDER,
                ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE))
                .as("on FS02's connection, FS01's key names no folder of FS02")
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.returnCode()).hasValue(1168));

        members.fs01.deny(true);
        assertThatThrownBy(() -> engine.checkConnectivity(TwoMembers.C1))
                .as("a fault is a refusal with the Windows code, not an engine failure")
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.engineFailed()).isFalse();
                    assertThat(e.returnCode()).hasValue((int) 0x80070005L);
                });
    }

    @Test
    void aMemberThatHangsGoesInErrorWithoutDelayingTheOther() throws Exception {
        await(f -> state(TwoMembers.C1) == ConnectionState.ONLINE && state(TwoMembers.C2) != null, "first polls");
        members.fs02.delay(Duration.ofSeconds(30));
        facts.clear();
        long t0 = System.nanoTime();
        await(f -> state(TwoMembers.C2) == ConnectionState.IN_ERROR
                && lastHealth(TwoMembers.C2).lastError().code() == 1460, "C2 In Error with ERROR_TIMEOUT");
        assertThat(lastHealth(TwoMembers.C2).lastError().event()).isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        UUID c1Out = DfsrFacts.key(TwoMembers.FS02.guid(), TwoMembers.C1, false);
        assertThat(state(c1Out)).as("the hung member's outbound end too").isEqualTo(ConnectionState.IN_ERROR);
        // Meanwhile FS01 went on being polled at its own pace: at least two more polls within the wait.
        int polls = (int) members.fs01.actions().stream().filter(a -> a.endsWith("/Enumerate")).count();
        Thread.sleep(2500);
        assertThat(members.fs01.actions().stream().filter(a -> a.endsWith("/Enumerate")).count())
                .as("FS01 polled every second while FS02 hung").isGreaterThanOrEqualTo(polls + 4);
        assertThat(state(TwoMembers.C1)).isEqualTo(ConnectionState.ONLINE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));

        members.fs02.delay(Duration.ZERO);
        await(f -> state(TwoMembers.C2) == ConnectionState.IN_ERROR
                && lastHealth(TwoMembers.C2).lastError().code() == TwoMembers.ERROR_CODE, "FS02's own values again");
    }

    @Test
    void aConnectionWindowsNoLongerReportsIsRemoved() throws Exception {
        await(f -> links().size() == 4, "four links");
        members.fs01.serve("DfsrConnectionInfo", List.of(
                TwoMembers.FS01.connection(TwoMembers.C1, TwoMembers.FS02, TwoMembers.GROUP, "RG-Data", true, 1, 0, 0)));
        UUID c2Out = DfsrFacts.key(TwoMembers.FS01.guid(), TwoMembers.C2, false);
        await(f -> f.contains(new LinkRemoved(c2Out)), "FS01's end of C2 removed");
        assertThatThrownBy(() -> engine.checkConnectivity(c2Out)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.returnCode()).hasValue(87));
    }

    private <T extends Observation> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private SyncSession session(UUID sync) {
        return all(SyncSession.class).stream().filter(x -> x.sessionGuid().equals(sync)).reduce((a, b) -> b)
                .orElse(null);
    }

    @Test
    void theSessionsOfInboundConnectionsPassThroughUnderTheirLinks() throws Exception {
        await(f -> session(TwoMembers.S0) != null && session(TwoMembers.S1) != null
                && session(TwoMembers.S2) != null, "the three inbound sessions");
        SyncSession s1 = session(TwoMembers.S1);
        assertThat(s1.connectionGuid()).as("C1's inbound end, on FS01").isEqualTo(TwoMembers.C1);
        assertThat(s1.state()).isEqualTo(SyncSession.State.IN_PROGRESS);
        assertThat(s1.reason()).isEqualTo(SyncSession.Reason.SCHEDULE);
        assertThat(s1.start()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
        assertThat(s1.end()).as("1601 is a session in progress").isNull();
        assertThat(List.of(s1.updatesTransferred(), s1.bytesTransferred(), s1.updatesNotTransferred(),
                s1.updatesToBeTransferred(), s1.conflictsGenerated(), s1.tombstonesGenerated()))
                .containsExactly(12L, 65536L, 2L, 5L, 1L, 3L);
        assertThat(s1.lastError()).isNull();
        assertThat(s1.forceEnd()).isNull();
        assertThat(s1.forceBandwidth()).isNull();

        SyncSession s0 = session(TwoMembers.S0);
        assertThat(s0.state()).isEqualTo(SyncSession.State.IN_SYNC);
        assertThat(s0.reason()).isEqualTo(SyncSession.Reason.FORCED);
        assertThat(s0.end()).isEqualTo(Instant.parse("2024-01-15T10:15:00Z"));
        assertThat(s0.bytesTransferred()).as("uint64 beyond 2^31").isEqualTo(4_000_000_000L);
        assertThat(s0.forceEnd()).isEqualTo(Instant.parse("2024-01-15T18:00:00Z"));
        assertThat(s0.forceBandwidth()).isEqualTo(BandwidthLevel.of(10).orElseThrow());

        SyncSession s2 = session(TwoMembers.S2);
        assertThat(s2.connectionGuid()).as("C2's inbound end, on FS02").isEqualTo(TwoMembers.C2);
        assertThat(s2.state()).isEqualTo(SyncSession.State.IN_ERROR);
        assertThat(s2.lastError().space()).isEqualTo(EngineError.CodeSpace.HRESULT);
        assertThat(s2.lastError().code()).isEqualTo(TwoMembers.ERROR_CODE);
        assertThat(s2.lastError().event()).isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);

        int polls = (int) members.fs01.actions().stream().filter(a -> a.endsWith("/Enumerate")).count();
        await(f -> members.fs01.actions().stream().filter(a -> a.endsWith("/Enumerate")).count() > polls + 16,
                "two more polls of FS01");
        assertThat(all(SyncSession.class)).as("an unchanged session is not reported again; the outbound one never")
                .extracting(SyncSession::sessionGuid)
                .containsExactlyInAnyOrder(TwoMembers.S0, TwoMembers.S1, TwoMembers.S2);
    }

    @Test
    void eachMembersServiceIsAFactOfItsHost() throws Exception {
        await(f -> all(ServiceState.class).size() == 2, "both members' DfsrInfo");
        ServiceState fs01 = all(ServiceState.class).stream().filter(x -> x.host().equals("fs01.example.test"))
                .findFirst().orElseThrow();
        assertThat(fs01).isEqualTo(new ServiceState("fs01.example.test", ServiceState.State.RUNNING, "10.0.17763.1",
                Instant.parse("2024-01-01T08:00:00Z"), Instant.parse("2024-01-15T09:55:00Z"), 0, 0));
        ServiceState fs02 = all(ServiceState.class).stream().filter(x -> x.host().equals("fs02.example.test"))
                .findFirst().orElseThrow();
        assertThat(fs02).isEqualTo(new ServiceState("fs02.example.test", ServiceState.State.DEGRADED,
                "10.0.20348.1", Instant.parse("2024-01-02T09:00:00Z"), Instant.parse("2024-01-15T09:55:00Z"),
                TwoMembers.SERVICE_ERROR, TwoMembers.SERVICE_EVENT));
    }

    @Test
    void eachMemberReportsItsConfigurationOfTheGroup() throws Exception {
        await(f -> all(Configuration.class).stream().map(Configuration::memberGuid).distinct().count() == 2
                && all(Configuration.class).stream().anyMatch(c -> c.memberGuid().equals(TwoMembers.FS02.guid())
                && !c.folders().get(0).guid().equals(TwoMembers.FOLDER)), "both members' configuration, settled");
        Configuration fs01 = all(Configuration.class).stream()
                .filter(c -> c.memberGuid().equals(TwoMembers.FS01.guid())).reduce((a, b) -> b).orElseThrow();
        assertThat(fs01.replicationGroupGuid()).isEqualTo(TwoMembers.GROUP);
        assertThat(fs01.replicationGroupName()).isEqualTo("RG-Data");
        assertThat(fs01.memberName()).isEqualTo("FS01");
        assertThat(fs01.folders()).containsExactly(new Configuration.Folder(TwoMembers.FOLDER, "Data", "D:\\Data",
                "D:\\Data\\DfsrPrivate\\Staging", "D:\\Data\\DfsrPrivate\\ConflictAndDeleted", false, true));
        assertThat(fs01.connections()).containsExactly(
                new Configuration.Connection(TwoMembers.C1, TwoMembers.FS02.guid(), "FS02", true, true,
                        new Configuration.WeekSchedule(TwoMembers.schedule(15), true)),
                new Configuration.Connection(DfsrFacts.key(TwoMembers.FS01.guid(), TwoMembers.C2, false),
                        TwoMembers.FS02.guid(), "FS02", false, false,
                        new Configuration.WeekSchedule(TwoMembers.schedule(3), false)));
        Configuration fs02 = all(Configuration.class).stream()
                .filter(c -> c.memberGuid().equals(TwoMembers.FS02.guid())).reduce((a, b) -> b).orElseThrow();
        assertThat(fs02.folders()).as("FS01 is listed first and keeps the folder's GUID").singleElement()
                .satisfies(f -> {
                    assertThat(f.guid()).isEqualTo(DfsrFacts.folderKey(TwoMembers.FS02.guid(), TwoMembers.FOLDER));
                    assertThat(f.rootPath()).isEqualTo("E:\\Data");
                    assertThat(f.readOnly()).isTrue();
                });
        assertThat(fs02.connections()).extracting(Configuration.Connection::connectionGuid).containsExactly(
                DfsrFacts.key(TwoMembers.FS02.guid(), TwoMembers.C1, false), TwoMembers.C2);
    }

    @Test
    void aClassAMemberRefusesIsLoggedOnceAndTheOtherFactsStillFlow() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(WindowsDfsrEngine.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            await(f -> session(TwoMembers.S2) != null, "FS02's session");
            members.fs02.deny("DfsrSyncInfo", true);
            members.fs02.deny("DfsrConnectionConfig", true);
            facts.clear();
            members.fs02.serve("DfsrInfo", List.of(TwoMembers.FS02.info(1, "10.0.20348.2",
                    "20240103090000.000000+000", 0, 0)));
            await(f -> f.stream().anyMatch(o -> o instanceof ServiceState x && x.host().startsWith("fs02")
                    && x.state() == ServiceState.State.RUNNING), "FS02's service Running again");
            int polls = (int) members.fs02.actions().stream().filter(a -> a.endsWith("/Enumerate")).count();
            await(f -> members.fs02.actions().stream().filter(a -> a.endsWith("/Enumerate")).count() > polls + 12,
                    "more polls of FS02");
            assertThat(state(TwoMembers.C2)).as("FS02's links are still reported").isEqualTo(ConnectionState.IN_ERROR);
            assertThat(facts).noneMatch(o -> o instanceof LinkHealth h && h.lastError() != null
                    && h.lastError().code() == 0x80070005L);
            List<String> refusals = events.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("fs02.example.test does not answer queries of")).toList();
            assertThat(refusals).as("once per class, not per poll").hasSize(2)
                    .anySatisfy(m -> assertThat(m).contains("DfsrSyncInfo"))
                    .anySatisfy(m -> assertThat(m).contains("DfsrConnectionConfig"));

            members.fs02.deny("DfsrSyncInfo", false);
            await(f -> events.list.stream().anyMatch(e -> e.getFormattedMessage()
                    .contains("fs02.example.test answers queries of DfsrSyncInfo again")), "FS02 answers again");
        } finally {
            logger.detachAppender(events);
        }
    }
}
