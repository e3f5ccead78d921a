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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.testing.SambaServer;

/**
 * Three members in a chain, with real parts: the hub's folder is shared by a real smbd, branch1 mirrors it over
 * smb://, and leaf mirrors branch1's replica over file://. Both downstreams poll hourly, so changes travel by
 * notifications alone: hub → branch1 → leaf. The smbd going down puts branch1's inbound connection In Error (5008)
 * while the leaf keeps its copy; when it returns, replication resumes.
 */
class ThreeMembersTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();

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

    Map<String, String> member(String name) {
        Map<String, String> s = new HashMap<>();
        s.put("member", name);
        s.put("group", "Demo");
        s.put("baseDirectory", dir.resolve(name).toString());
        s.put("folders.docs.path", "docs");
        s.put("peer.notifyDelay", "50ms");
        return s;
    }

    void downstreamOf(Map<String, String> s, String partner, String upstream, PeerHttpServer partnerServer,
                      PeerHttpServer own) {
        String p = "inbound." + partner + ".";
        s.put(p + "upstream", upstream);
        s.put(p + "pollInterval", "1h");
        s.put(p + "retries", "2");
        s.put(p + "retryDelay", "100ms");
        s.put(p + "maxRetryDelay", "300ms");
        s.put(p + "peer", partnerServer.uri().toString());
        s.put(p + "peerUser", "peer");
        s.put(p + "peerPassword", "peer-pw");
        s.put("peer.address", own.uri().toString());
    }

    EmbeddedEngine start(Map<String, String> settings, PeerHttpServer server, RecordingObserver events)
            throws Exception {
        EmbeddedEngine e = keep(Members.engine(settings, Clock.systemUTC()));
        server.serve(e);
        e.start(events);
        return e;
    }

    static void awaitFile(Path f, String content) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(f) || !Files.readString(f).equals(content)) {
            assertThat(System.nanoTime()).as(f + " holds '" + content + "'").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void changesTravelDownTheChainByNotificationsAndSurviveTheShareGoingAway() throws Exception {
        Members.write(dir.resolve("hub/docs/a.txt"), "alpha");
        SambaServer smbd = keep(SambaServer.in(dir.resolve("smbd")).share("rg", dir.resolve("hub")).start());
        PeerHttpServer hubServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        PeerHttpServer branchServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        PeerHttpServer leafServer = keep(PeerHttpServer.start("peer", "peer-pw"));
        RecordingObserver hubEvents = new RecordingObserver();
        RecordingObserver branchEvents = new RecordingObserver();
        RecordingObserver leafEvents = new RecordingObserver();

        EmbeddedEngine hub = start(member("hub"), hubServer, hubEvents);
        Map<String, String> branch = member("branch1");
        downstreamOf(branch, "hub", "smb://127.0.0.1:" + smbd.port() + "/rg", hubServer, branchServer);
        branch.put("inbound.hub.smb.user", SambaServer.USER);
        branch.put("inbound.hub.smb.password", SambaServer.PASSWORD);
        branch.put("inbound.hub.smb.timeout", "2s");
        EmbeddedEngine branch1 = start(branch, branchServer, branchEvents);
        Map<String, String> leaf = member("leaf");
        downstreamOf(leaf, "branch1", dir.resolve("branch1").toUri().toString(), branchServer, leafServer);
        EmbeddedEngine leafEngine = start(leaf, leafServer, leafEvents);

        awaitFile(dir.resolve("leaf/docs/a.txt"), "alpha");
        assertThat(hub.repsTo()).extracting(e -> e.memberName()).containsExactly("branch1");
        assertThat(branch1.repsTo()).extracting(e -> e.memberName()).containsExactly("leaf");
        assertThat(hubEvents.awaitSnapshot(s -> !s.inbound(), WAIT).partnerName()).isEqualTo("branch1");
        assertThat(branchEvents.awaitSnapshot(s -> !s.inbound(), WAIT).partnerName()).isEqualTo("leaf");

        Members.write(dir.resolve("hub/docs/sub/b.txt"), "beta");
        awaitFile(dir.resolve("leaf/docs/sub/b.txt"), "beta");
        assertThat(hub.repsTo().get(0).repsTo().timeLastSuccess().isNever()).isFalse();
        assertThat(branch1.repsTo().get(0).repsTo().timeLastSuccess().isNever()).isFalse();

        smbd.stop();
        Members.write(dir.resolve("hub/docs/c.txt"), "gamma");
        assertThat(branchEvents.await(ConnectionTrigger.RETRIES_EXHAUSTED, WAIT).failure())
                .isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(Files.readString(dir.resolve("leaf/docs/a.txt"))).isEqualTo("alpha");
        assertThat(leafEvents.triggers()).doesNotContain(ConnectionTrigger.RETRIES_EXHAUSTED);

        smbd.restart();
        awaitFile(dir.resolve("branch1/docs/c.txt"), "gamma");
        awaitFile(dir.resolve("leaf/docs/c.txt"), "gamma");
        assertThat(branchEvents.triggers()).containsSubsequence(ConnectionTrigger.RETRIES_EXHAUSTED,
                ConnectionTrigger.SERVICE_RETRY, ConnectionTrigger.CONNECTION_ESTABLISHED);
        assertThat(leafEngine.settings().member().name()).isEqualTo("leaf");
    }
}
