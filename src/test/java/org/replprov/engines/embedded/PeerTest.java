package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.engines.embedded.store.Downstream;

/**
 * Two members that run replprov: the branch announces itself to the hub, the hub keeps it in its repsTo list and
 * shows an outbound connection, notifies it of changes (the branch polls only hourly, so notifications alone bring
 * the changes), records the results, and drops the entry after the idle time.
 */
class PeerTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    final RecordingObserver hubEvents = new RecordingObserver();
    final RecordingObserver branchEvents = new RecordingObserver();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    Map<String, String> hub() {
        Map<String, String> s = new HashMap<>();
        s.put("member", "hub");
        s.put("group", "Demo");
        s.put("baseDirectory", dir.resolve("hub").toString());
        s.put("folders.docs.path", "docs");
        s.put("peer.notifyDelay", "50ms");
        return s;
    }

    Map<String, String> branch(PeerHttpServer hubServer, PeerHttpServer own) {
        Map<String, String> s = new HashMap<>();
        s.put("member", "branch1");
        s.put("group", "Demo");
        s.put("baseDirectory", dir.resolve("branch1").toString());
        s.put("folders.docs.path", "docs");
        s.put("inbound.hub.upstream", dir.resolve("hub").toUri().toString());
        s.put("inbound.hub.pollInterval", "1h");
        s.put("inbound.hub.retryDelay", "100ms");
        s.put("inbound.hub.maxRetryDelay", "200ms");
        s.put("inbound.hub.peer", hubServer.uri().toString());
        s.put("inbound.hub.peerUser", "peer");
        s.put("inbound.hub.peerPassword", "peer-pw");
        s.put("peer.address", own.uri().toString());
        return s;
    }

    EmbeddedEngine start(Map<String, String> settings, PeerHttpServer server, RecordingObserver events)
            throws Exception {
        EmbeddedEngine e = keep(Members.engine(settings, Clock.systemUTC()));
        server.serve(e);
        e.start(events);
        return e;
    }

    @Test
    void anAnnouncedBranchIsNotifiedOfChangesAndTheResultsAreRecorded() throws Exception {
        Members.write(dir.resolve("hub/docs/a.txt"), "alpha");
        PeerHttpServer hubServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        PeerHttpServer branchServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        EmbeddedEngine hub = start(hub(), hubServer, hubEvents);
        EmbeddedEngine branch = start(branch(hubServer, branchServer), branchServer, branchEvents);

        RecordingObserver.Snapshot outbound = hubEvents.awaitSnapshot(s -> !s.inbound(), WAIT);
        assertThat(outbound.partnerName()).isEqualTo("branch1");
        assertThat(outbound.memberName()).isEqualTo("hub");
        assertThat(outbound.connectionGuid()).isEqualTo(Members.inbound(branch));
        Downstream entry = hub.repsTo().get(0);
        assertThat(entry.repsTo().naDsa()).isEqualTo(branchServer.uri().toString());
        assertThat(entry.repsTo().uuidDsa()).isEqualTo(branch.settings().member().guid());
        assertThat(entry.repsTo().options()).isEqualTo(ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC,
                ReplicaFlags.Flag.DRS_PER_SYNC));
        assertThat(entry.repsTo().timeLastAttempt().isNever()).isTrue();
        branchEvents.awaitSnapshot(s -> Files.exists(dir.resolve("branch1/docs/a.txt")), WAIT); // DRS_INIT_SYNC

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path f = dir.resolve("branch1/docs/n" + i + ".txt");
            long t0 = System.nanoTime();
            Members.write(dir.resolve("hub/docs/n" + i + ".txt"), "change " + i);
            while (!Files.exists(f)) {
                assertThat(System.nanoTime() - t0).as("n" + i + " arrives").isLessThan(WAIT.toNanos());
                Thread.sleep(5);
            }
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        latencies.sort(null);
        System.err.println("Change-to-replica latencies with notifications, ms: " + latencies);
        assertThat(latencies.get(2)).as("median change-to-replica latency, ms " + latencies).isLessThan(1000);
        Downstream notified = hub.repsTo().get(0);
        assertThat(notified.repsTo().resultLastAttempt()).isEqualTo(Win32Error.ERROR_SUCCESS);
        assertThat(notified.repsTo().consecutiveFailures()).isZero();
        assertThat(notified.repsTo().timeLastSuccess().isNever()).isFalse();
        assertThat(notified.repsTo().timeLastSuccess()).isEqualTo(notified.repsTo().timeLastAttempt());

        // The branch stops listening: notifications fail, are counted, and the outbound connection goes In Error.
        branchServer.close();
        for (int i = 0; i < 3; i++) {
            Members.write(dir.resolve("hub/docs/lost" + i + ".txt"), "lost " + i);
            long failures = i + 1;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (hub.repsTo().get(0).repsTo().consecutiveFailures() < failures) {
                assertThat(System.nanoTime()).as("failure " + failures + " recorded").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        Downstream failing = hub.repsTo().get(0);
        assertThat(failing.repsTo().resultLastAttempt()).isEqualTo(Win32Error.RPC_S_SERVER_UNAVAILABLE);
        assertThat(failing.repsTo().timeLastSuccess()).isEqualTo(notified.repsTo().timeLastSuccess());
        assertThat(hubEvents.await(ConnectionTrigger.RETRIES_EXHAUSTED, WAIT).failure())
                .isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
    }

    @Test
    void theRepsToListSurvivesARestartAndAnIdleEntryGoesWithItsOutboundConnection() throws Exception {
        PeerHttpServer hubServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        PeerHttpServer branchServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        Files.createDirectories(dir.resolve("hub/docs"));
        Members.write(dir.resolve("hub/docs/a.txt"), "alpha");
        EmbeddedEngine hub = start(hub(), hubServer, hubEvents);
        EmbeddedEngine branch = start(branch(hubServer, branchServer), branchServer, branchEvents);
        hubEvents.awaitSnapshot(s -> !s.inbound(), WAIT);
        branch.close();
        hub.close();

        Map<String, String> again = hub();
        again.put("peer.outboundIdleTime", "1s");
        RecordingObserver restarted = new RecordingObserver();
        EmbeddedEngine hub2 = start(again, hubServer, restarted);
        assertThat(hub2.repsTo()).extracting(e -> e.memberName()).containsExactly("branch1");
        RecordingObserver.Snapshot restored = restarted.awaitSnapshot(s -> !s.inbound(), WAIT);
        assertThat(restored.partnerName()).isEqualTo("branch1");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!hub2.repsTo().isEmpty()) {
            assertThat(System.nanoTime()).as("the idle entry goes").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(100);
        assertThat(restarted.removed()).containsExactly(restored.connectionGuid());
    }

    @Test
    void neverNotifyKeepsTheUpstreamQuietAndAnUnknownGroupIsUnrecognized() throws Exception {
        PeerHttpServer hubServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        PeerHttpServer branchServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        Members.write(dir.resolve("hub/docs/a.txt"), "alpha");
        EmbeddedEngine hub = start(hub(), hubServer, hubEvents);
        Map<String, String> quiet = branch(hubServer, branchServer);
        quiet.put("inbound.hub.replicaFlags", "DRS_INIT_SYNC DRS_NEVER_NOTIFY");
        start(quiet, branchServer, branchEvents);
        hubEvents.awaitSnapshot(s -> !s.inbound(), WAIT);
        branchEvents.awaitSnapshot(s -> s.syncResults().lastSuccessfulSyncTime() != null, WAIT);
        Members.write(dir.resolve("hub/docs/b.txt"), "beta");
        Thread.sleep(500);
        assertThat(hub.repsTo().get(0).repsTo().timeLastAttempt().isNever()).isTrue();
        assertThat(dir.resolve("branch1/docs/b.txt")).doesNotExist();

        Map<String, String> stranger = branch(hubServer, branchServer);
        stranger.put("group", "Other");
        stranger.put("baseDirectory", dir.resolve("stranger").toString());
        RecordingObserver strangerEvents = new RecordingObserver();
        start(stranger, keep(PeerHttpServer.start("peer", "peer-pw")), strangerEvents);
        assertThat(strangerEvents.await(ConnectionTrigger.RETRIES_EXHAUSTED, WAIT).failure())
                .isEqualTo(ConnectionFailure.UNRECOGNIZED);
    }
}
