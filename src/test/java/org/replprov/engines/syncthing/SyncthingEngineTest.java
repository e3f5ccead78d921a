package org.replprov.engines.syncthing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigNode;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.syncthing.rest.NeedList;
import org.replprov.engines.syncthing.rest.SyncthingClient;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.providers.dfsr.StateDerivation;
import org.replprov.testing.SyncthingCluster;
import org.replprov.time.SystemScheduler;

/**
 * The {@code syncthing} engine against three real Syncthing instances ({@link SyncthingCluster}): the model, the
 * states as Syncthing's own actions and outages change them, the methods, backlogs, and surviving a Syncthing that
 * is absent, refuses the key, restarts or cuts the event stream. Each test leaves the cluster as it found it.
 */
class SyncthingEngineTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path clusterDir;
    static SyncthingCluster cluster;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SyncthingCluster.start(clusterDir);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeEngines() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        for (SyncthingCluster.Instance i : cluster.instances()) {
            if (!i.running()) {
                i.start();
            }
        }
    }

    /** What an engine reported. */
    static final class Heard {
        final List<Observation> facts = new CopyOnWriteArrayList<>();

        List<Link> links() {
            Map<UUID, Link> m = new LinkedHashMap<>();
            facts.stream().filter(Link.class::isInstance).map(Link.class::cast).forEach(l -> m.put(l.connectionGuid(), l));
            return List.copyOf(m.values());
        }

        Link link(String partner, boolean inbound) {
            return links().stream().filter(l -> l.partnerName().equals(partner) && l.inbound() == inbound)
                    .findFirst().orElseThrow(() -> new AssertionError("no link " + partner + " " + inbound + " in "
                            + links()));
        }

        LinkHealth health(Link l) {
            LinkHealth last = null;
            for (Observation o : facts) {
                if (o instanceof LinkHealth h && h.connectionGuid().equals(l.connectionGuid())) {
                    last = h;
                }
            }
            return last;
        }

        ConnectionState state(Link l) {
            LinkHealth h = health(l);
            return h == null ? ConnectionState.INITIAL : StateDerivation.state(h);
        }

        /** The states of {@code l}, in order, without repeats. */
        List<ConnectionState> states(Link l) {
            List<ConnectionState> out = new ArrayList<>();
            for (Observation o : facts) {
                if (o instanceof LinkHealth h && h.connectionGuid().equals(l.connectionGuid())) {
                    ConnectionState s = StateDerivation.state(h);
                    if (out.isEmpty() || out.get(out.size() - 1) != s) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        Backlog backlog(Link l, UUID scope) {
            Backlog last = null;
            for (Observation o : facts) {
                if (o instanceof Backlog b && b.connectionGuid().equals(l.connectionGuid())
                        && b.scopeGuid().equals(scope)) {
                    last = b;
                }
            }
            return last;
        }

        void await(Predicate<Heard> done, String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(this)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + "; heard " + facts.subList(Math.max(0, facts.size() - 20),
                            facts.size()));
                }
                Thread.sleep(20);
            }
        }

        void awaitState(String partner, boolean inbound, ConnectionState s) throws InterruptedException {
            await(h -> h.links().stream().anyMatch(l -> l.partnerName().equals(partner) && l.inbound() == inbound)
                    && h.state(h.link(partner, inbound)) == s, partner + (inbound ? " inbound " : " outbound ") + s);
        }
    }

    /** The engine's settings for {@code instance} with {@code key}: URL, key file, CA file for HTTPS. */
    static Map<String, Object> settings(SyncthingCluster.Instance instance, String key, Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve(instance.name() + "-" + Math.abs(key.hashCode()) + ".key"),
                key + "\n");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", instance.guiUrl().toString());
        s.put("apiKeyFile", keyFile.toString());
        if (instance.https()) {
            s.put("caFile", instance.guiCertificate().toString());
        }
        return s;
    }

    SyncthingEngine engine(SyncthingCluster.Instance instance, Path state, String key) throws Exception {
        Files.createDirectories(state);
        SystemScheduler scheduler = new SystemScheduler("test-scheduler");
        open.add(scheduler);
        SyncthingEngine e = (SyncthingEngine) new SyncthingEngineProvider().create(new EngineContext("st", "syncthing",
                ConfigNode.of("test.yaml", "engines.st", settings(instance, key, dir)), state, scheduler, null));
        open.add(e);
        return e;
    }

    record Started(SyncthingEngine engine, Heard heard) {
    }

    Started start(SyncthingCluster.Instance instance, Path state) throws Exception {
        return start(instance, state, instance.apiKey());
    }

    Started start(SyncthingCluster.Instance instance, Path state, String key) throws Exception {
        SyncthingEngine e = engine(instance, state, key);
        Heard h = new Heard();
        e.start(h.facts::add);
        return new Started(e, h);
    }

    static void awaitFile(Path file, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Files.exists(file) != present) {
            assertThat(System.nanoTime()).as(file + (present ? " arrives" : " goes")).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    // --- the model -------------------------------------------------------------------------------------------

    @Test
    void twoInboundAndTwoOutboundOnlineWithTheSameGuidsAsThePartnersEngine() throws Exception {
        Started a = start(cluster.get("a"), dir.resolve("a"));
        Started b = start(cluster.get("b"), dir.resolve("b"));
        for (String p : List.of("member-b", "member-c")) {
            a.heard().awaitState(p, true, ConnectionState.ONLINE);
            a.heard().awaitState(p, false, ConnectionState.ONLINE);
        }
        assertThat(a.heard().links()).hasSize(4).allSatisfy(l -> {
            assertThat(l.memberName()).isEqualTo("member-a");
            assertThat(l.replicationGroupName()).isEqualTo("Syncthing");
            assertThat(l.onDemand()).as("permanent").isFalse();
        });
        // a: tri (send-receive, with b and c), ab (send-only to b), ac (send-receive with c).
        assertThat(a.heard().link("member-b", true).scopes()).extracting(s -> s.name()).containsExactly("Folder tri");
        assertThat(a.heard().link("member-b", false).scopes()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("Folder tri", "Folder ab");
        assertThat(a.heard().link("member-c", true).scopes()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("Folder tri", "Folder ac");

        b.heard().awaitState("member-a", true, ConnectionState.ONLINE);
        b.heard().awaitState("member-a", false, ConnectionState.ONLINE);
        Link aFromB = a.heard().link("member-b", true);
        Link bToA = b.heard().link("member-a", false);
        Link aToB = a.heard().link("member-b", false);
        Link bFromA = b.heard().link("member-a", true);
        assertThat(bToA.connectionGuid()).as("one connection, seen from both ends").isEqualTo(aFromB.connectionGuid());
        assertThat(bFromA.connectionGuid()).isEqualTo(aToB.connectionGuid());
        assertThat(aFromB.connectionGuid()).isNotEqualTo(aToB.connectionGuid());
        assertThat(bToA.partnerGuid()).isEqualTo(aFromB.memberGuid());
        assertThat(bToA.replicationGroupGuid()).isEqualTo(aFromB.replicationGroupGuid());
        // The folder both carry has the same GUID on both sides.
        assertThat(bFromA.scopes()).extracting(s -> s.guid()).contains(Ids.folder("tri"), Ids.folder("ab"));
    }

    // --- states ----------------------------------------------------------------------------------------------

    @Test
    void aPauseInSyncthingIsOfflineAndAKilledPartnerIsConnectingThenInErrorWithTheDialError() throws Exception {
        Started a = start(cluster.get("a"), dir.resolve("a"));
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);
        SyncthingClient st = cluster.get("a").client();
        String c = cluster.get("c").deviceId();

        st.pauseDevice(c);
        a.heard().awaitState("member-c", true, ConnectionState.OFFLINE);
        a.heard().awaitState("member-c", false, ConnectionState.OFFLINE);
        st.resumeDevice(c);
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);

        Link in = a.heard().link("member-c", true);
        int before = a.heard().states(in).size();
        cluster.get("c").kill();
        a.heard().awaitState("member-c", true, ConnectionState.IN_ERROR);
        assertThat(a.heard().states(in).subList(before - 1, a.heard().states(in).size()))
                .as("Online, Connecting, then In Error").containsExactly(ConnectionState.ONLINE,
                        ConnectionState.CONNECTING, ConnectionState.IN_ERROR);
        LinkHealth h = a.heard().health(in);
        assertThat(h.lastError().event()).isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(h.lastError().text()).as("Syncthing's dial error").contains("connection refused");
        assertThatThrownBy(() -> a.engine().checkConnectivity(in.connectionGuid()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.returnCode()).hasValue(1722);
                    assertThat(e.getMessage()).contains("connection refused");
                });
        assertThat(a.heard().state(a.heard().link("member-b", true))).as("the other partner")
                .isEqualTo(ConnectionState.ONLINE);

        cluster.get("c").start();
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);
        a.engine().checkConnectivity(in.connectionGuid());
    }

    // --- methods ---------------------------------------------------------------------------------------------

    @Test
    void stopSyncHoldsFilesBackAndIsPutBackAfterARestartOfTheEngine() throws Exception {
        Path state = dir.resolve("a");
        Started a = start(cluster.get("a"), state);
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);
        Link in = a.heard().link("member-c", true);
        String c = cluster.get("c").deviceId();
        SyncthingClient st = cluster.get("a").client();

        a.engine().forceReplication(in.connectionGuid(), ReplicationMode.STOP_SYNC, BandwidthLevel.INFINITE);
        assertThat(st.config().device(c).orElseThrow().paused()).as("Syncthing shows the device paused").isTrue();
        a.heard().awaitState("member-c", true, ConnectionState.OFFLINE);
        // Folder ac is shared by a and c only: nothing can bring the file to a but c.
        Path file = Files.writeString(cluster.get("c").folder("ac").resolve("held.txt"), "held back");
        cluster.get("c").client().scan("ac");
        Thread.sleep(3000);
        assertThat(cluster.get("a").folder("ac").resolve("held.txt")).as("not replicated while stopped")
                .doesNotExist();

        // The engine goes away without putting anything back (as kill -9 would), and starts again on its state.
        a.engine().close();
        Started again = start(cluster.get("a"), state);
        again.heard().awaitState("member-c", true, ConnectionState.OFFLINE);
        again.engine().forceReplication(in.connectionGuid(), ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
        assertThat(st.config().device(c).orElseThrow().paused()).as("resumed after the restart").isFalse();
        awaitFile(cluster.get("a").folder("ac").resolve("held.txt"), true);
        again.heard().awaitState("member-c", true, ConnectionState.ONLINE);
        Files.delete(file);
        cluster.get("c").client().scan("ac");
    }

    @Test
    void theEndOfAnOverrideLeavesAPauseTheUserSetMeanwhile() throws Exception {
        Started a = start(cluster.get("a"), dir.resolve("a"));
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);
        Link in = a.heard().link("member-c", true);
        String c = cluster.get("c").deviceId();
        SyncthingClient st = cluster.get("a").client();
        long limit = st.config().device(c).orElseThrow().maxRecvKbps();

        a.engine().forceReplication(in.connectionGuid(), ReplicationMode.SYNC_NOW, BandwidthLevel.KBPS_64);
        assertThat(st.config().device(c).orElseThrow().maxRecvKbps()).as("64 kbit/s as KiB/s").isEqualTo(8);
        st.pauseDevice(c); // the user, in Syncthing
        a.heard().awaitState("member-c", true, ConnectionState.OFFLINE);
        a.engine().forceReplication(in.connectionGuid(), ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
        assertThat(st.config().device(c).orElseThrow().paused()).as("the user's pause stays").isTrue();
        assertThat(st.config().device(c).orElseThrow().maxRecvKbps()).as("the limit is put back").isEqualTo(limit);
        st.resumeDevice(c);
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);
    }

    @Test
    void theOutboundBacklogIsTheCompletionNeedWhileThePartnerIsPaused() throws Exception {
        Started a = start(cluster.get("a"), dir.resolve("a"));
        a.heard().awaitState("member-b", false, ConnectionState.ONLINE);
        Link out = a.heard().link("member-b", false);
        String b = cluster.get("b").deviceId();
        SyncthingClient st = cluster.get("a").client();
        UUID tri = Ids.folder("tri");

        st.pauseDevice(b);
        a.heard().awaitState("member-b", false, ConnectionState.OFFLINE);
        for (int i = 0; i < 3; i++) {
            Files.writeString(cluster.get("a").folder("tri").resolve("waiting-" + i + ".txt"), "waiting " + i);
        }
        st.scan("tri");
        long[] need = new long[1];
        a.heard().await(h -> {
            Backlog bl = h.backlog(out, tri);
            try {
                need[0] = st.completion("tri", b).needItems();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return bl != null && need[0] >= 3 && bl.items() == need[0];
        }, "the outbound backlog equals needItems");
        assertThat(a.heard().backlog(out, tri).bytes()).isPositive();

        st.resumeDevice(b);
        a.heard().await(h -> h.backlog(out, tri) != null && h.backlog(out, tri).items() == 0, "backlog 0");
        awaitFile(cluster.get("b").folder("tri").resolve("waiting-2.txt"), true);
        assertThat(a.heard().health(out).sync().lastSuccessfulSyncTime()).as("recorded").isNotNull();
        for (int i = 0; i < 3; i++) {
            Files.delete(cluster.get("a").folder("tri").resolve("waiting-" + i + ".txt"));
        }
        st.scan("tri");
    }

    private static final int FILES = 40;

    @Test
    void forceDownloadMovesAQueuedFileToTheFront() throws Exception {
        Started a = start(cluster.get("a"), dir.resolve("a"));
        a.heard().awaitState("member-c", true, ConnectionState.ONLINE);
        Link in = a.heard().link("member-c", true);
        SyncthingClient st = cluster.get("a").client();
        UUID ac = Ids.folder("ac");
        // Slow the transfer from c to a to 16 KiB/s (limits apply on loopback only with limitBandwidthInLan), and let a
        // pull one block at a time, so that the other files wait in Syncthing's queue however fast the machine is.
        st.setLimitBandwidthInLan(true);
        pullerMaxPendingKiB(cluster.get("a"), "ac", 1);
        Uid uid;
        try {
            a.engine().forceReplication(in.connectionGuid(), ReplicationMode.SYNC_NOW, BandwidthLevel.KBPS_128);
            byte[] data = new byte[256 * 1024];
            new java.util.Random(1).nextBytes(data);
            for (int i = 0; i < FILES; i++) {
                Files.write(cluster.get("c").folder("ac").resolve("q" + i + ".bin"), data);
            }
            cluster.get("c").client().scan("ac");
            NeedList[] need = new NeedList[1];
            a.heard().await(h -> {
                try {
                    need[0] = st.need("ac");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                // Syncthing lists the files being pulled (progress), those waiting for a puller (queued) and, beyond its
                // queue, the rest; which list holds how many depends on how fast the pullers run.
                return needed(need[0]).size() >= 3;
            }, "files from c still needed");
            // The last queued file, when Syncthing keeps a queue (1.19 may start every pull at once and keep none): then
            // ForceDownload must bring it to the front. Any needed file otherwise: the call must succeed (0).
            boolean queued = need[0].queued().size() >= 2;
            List<NeedList.NeedFile> waiting = queued ? need[0].queued() : needed(need[0]);
            NeedList.NeedFile last = waiting.get(waiting.size() - 1);
            uid = SyncthingEngine.uid("ac", last);
            assertThat(uid.toString()).startsWith("{" + ac.toString().toUpperCase() + "}-v");
            a.engine().forceDownload(in.connectionGuid(), ac, uid);
            NeedList after = st.need("ac");
            if (queued) {
                boolean pulledNext = after.progress().stream().anyMatch(f -> f.name().equals(last.name()))
                        || (!after.queued().isEmpty() && after.queued().get(0).name().equals(last.name()));
                boolean arrived = needed(after).stream().noneMatch(f -> f.name().equals(last.name()));
                assertThat(pulledNext || arrived).as("the last queued file is pulled next, or already here: " + after)
                        .isTrue();
            }

            assertThatThrownBy(() -> a.engine().forceDownload(in.connectionGuid(), ac, new Uid(ac, 987_654_321)))
                    .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.returnCode()).hasValue(2));
            assertThatThrownBy(() -> a.engine().forceDownload(in.connectionGuid(), ac,
                    new Uid(Ids.folder("tri"), last.sequence())))
                    .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.returnCode()).hasValue(2));
        } finally {
            a.engine().forceReplication(in.connectionGuid(), ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
            st.setLimitBandwidthInLan(false);
            pullerMaxPendingKiB(cluster.get("a"), "ac", 0);
        }
        awaitFile(cluster.get("a").folder("ac").resolve("q" + (FILES - 1) + ".bin"), true);
        // Needed no more, after having been: done.
        a.engine().forceDownload(in.connectionGuid(), ac, uid);
        for (int i = 0; i < FILES; i++) {
            Files.delete(cluster.get("c").folder("ac").resolve("q" + i + ".bin"));
        }
        cluster.get("c").client().scan("ac");
    }

    /** {@code PATCH /rest/config/folders/<id>} with the folder's pullerMaxPendingKiB (0: Syncthing's default). */
    private static void pullerMaxPendingKiB(SyncthingCluster.Instance i, String folder, int kib) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(i.guiUrl().resolve("/rest/config/folders/" + folder))
                        .header("X-API-Key", i.apiKey()).header("Content-Type", "application/json")
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"pullerMaxPendingKiB\": " + kib + "}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("PATCH folder " + folder + ": " + r.body()).isEqualTo(200);
    }

    /** Every file a folder still needs, in Syncthing's pull order. */
    private static List<NeedList.NeedFile> needed(NeedList n) {
        List<NeedList.NeedFile> all = new ArrayList<>(n.progress());
        all.addAll(n.queued());
        all.addAll(n.rest());
        return all;
    }

    // --- surviving Syncthing ---------------------------------------------------------------------------------

    @Test
    void survivesSyncthingAbsentAtStartAWrongKeyAndARestart() throws Exception {
        SyncthingCluster.Instance b = cluster.get("b");
        Path state = dir.resolve("b");
        b.stop();
        Started absent = start(b, state);
        Thread.sleep(1500);
        assertThat(absent.heard().links()).as("nothing known yet").isEmpty();
        b.start();
        absent.heard().awaitState("member-a", true, ConnectionState.ONLINE);
        absent.engine().close();

        Started wrong = start(b, state, "not-the-key");
        wrong.heard().awaitState("member-a", true, ConnectionState.IN_ERROR);
        LinkHealth h = wrong.heard().health(wrong.heard().link("member-a", true));
        assertThat(h.lastError().text()).contains("API key");
        assertThat(h.lastError().text()).doesNotContain(b.apiKey());
        wrong.engine().close();

        Started restarted = start(b, state);
        restarted.heard().awaitState("member-a", true, ConnectionState.ONLINE);
        b.stop();
        restarted.heard().awaitState("member-a", true, ConnectionState.IN_ERROR);
        assertThat(restarted.heard().health(restarted.heard().link("member-a", true)).lastError().event())
                .isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        b.start();
        restarted.heard().awaitState("member-a", true, ConnectionState.ONLINE);
        // Events flow after the restart: a pause in Syncthing shows.
        b.client().pauseDevice(cluster.get("a").deviceId());
        restarted.heard().awaitState("member-a", true, ConnectionState.OFFLINE);
        b.client().resumeDevice(cluster.get("a").deviceId());
        restarted.heard().awaitState("member-a", true, ConnectionState.ONLINE);
    }
}
