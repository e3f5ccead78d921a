package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.replprov.providers.dfsr.ConnectionTrigger.CONNECTION_ESTABLISHED;
import static org.replprov.providers.dfsr.ConnectionTrigger.DISCONNECTED;
import static org.replprov.providers.dfsr.ConnectionTrigger.RETRIES_EXHAUSTED;
import static org.replprov.providers.dfsr.ConnectionTrigger.SCHEDULE_OFF;
import static org.replprov.providers.dfsr.ConnectionTrigger.SCHEDULE_ON;
import static org.replprov.providers.dfsr.ConnectionTrigger.SERVICE_RETRY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.store.IdRecord;

/**
 * The embedded engine over file:// as the provider sees it: triggers in the order of the state diagram, sync results,
 * retries into In Error and back, schedules on a controllable clock, overrides and the four methods.
 */
class EmbeddedEngineTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    EmbeddedEngine engine;
    final RecordingObserver listener = new RecordingObserver();

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    Path up() {
        return dir.resolve("upstream");
    }

    Path replica() {
        return dir.resolve("replica/docs");
    }

    EmbeddedEngine start(Map<String, String> settings, Clock clock) throws Exception {
        engine = Members.engine(settings, clock);
        engine.start(listener);
        return engine;
    }

    @Test
    void replicatesAtOnceAndReportsRealSyncTimes() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        Instant before = Instant.now();
        start(Members.settings(dir, "file:upstream"), Clock.systemUTC());

        listener.await(CONNECTION_ESTABLISHED, WAIT);
        RecordingObserver.Snapshot s = listener.awaitSnapshot(x -> x.syncResults().lastSuccessfulSyncTime() != null, WAIT);
        assertThat(listener.triggers()).startsWith(SCHEDULE_ON, CONNECTION_ESTABLISHED);
        assertThat(Files.readString(replica().resolve("a.txt"))).isEqualTo("alpha");
        assertThat(s.inbound()).isTrue();
        assertThat(s.partnerName()).isEqualTo("hub");
        assertThat(s.memberName()).isEqualTo("branch1");
        assertThat(s.link().replicationGroupName()).isEqualTo("Demo");
        Instant attempt = s.syncResults().lastSyncTime();
        Instant success = s.syncResults().lastSuccessfulSyncTime();
        assertThat(attempt).isAfterOrEqualTo(before).isBeforeOrEqualTo(success);
        assertThat(s.syncResults().lastSyncDuration()).isEqualTo(Duration.between(attempt, success));
        assertThat(s.syncResults().nextSyncTime()).isEqualTo(success.plusMillis(200));

        Members.write(up().resolve("docs/b.txt"), "beta");
        listener.awaitSnapshot(x -> x.syncResults().lastSuccessfulSyncTime() != null
                && x.syncResults().lastSuccessfulSyncTime().isAfter(success)
                && Files.exists(replica().resolve("b.txt")), WAIT);
        assertThat(listener.triggers()).containsExactly(SCHEDULE_ON, CONNECTION_ESTABLISHED);
    }

    @Test
    void aPartnerThatGoesAwayIsInErrorAfterTheRetriesAndComesBackOnline() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        start(Members.settings(dir, "file:upstream"), Clock.systemUTC());
        listener.awaitSnapshot(x -> x.syncResults().lastSuccessfulSyncTime() != null, WAIT);

        Files.move(up().resolve("docs"), up().resolve("docs-away"));
        RecordingObserver.Transition error = listener.await(RETRIES_EXHAUSTED, WAIT);
        assertThat(error.failure()).isEqualTo(ConnectionFailure.UNRECOGNIZED);
        assertThat(listener.triggers()).containsSubsequence(CONNECTION_ESTABLISHED, DISCONNECTED, RETRIES_EXHAUSTED);
        assertThat(Files.readString(replica().resolve("a.txt"))).as("the replica is kept").isEqualTo("alpha");
        assertThat(Members.connection(engine).phase()).isEqualTo(Reporter.Phase.IN_ERROR);

        Files.move(up().resolve("docs-away"), up().resolve("docs"));
        Members.write(up().resolve("docs/back.txt"), "back");
        listener.await(CONNECTION_ESTABLISHED, 2, WAIT);
        assertThat(listener.triggers()).containsSubsequence(RETRIES_EXHAUSTED, SERVICE_RETRY, CONNECTION_ESTABLISHED);
        listener.awaitSnapshot(x -> Files.exists(replica().resolve("back.txt")), WAIT);
    }

    @Test
    void theScheduleOpensAndClosesTheConnectionOnItsClock() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T07:00:00Z")); // a Monday
        Map<String, String> s = Members.settings(dir, "file:upstream");
        s.put("inbound.hub.schedule", "mon 08:00-09:00 full");
        start(s, clock);

        RecordingObserver.Snapshot offline = listener.awaitSnapshot(x -> x.syncResults().nextSyncTime() != null, WAIT);
        assertThat(offline.syncResults().nextSyncTime()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        Thread.sleep(300);
        assertThat(listener.triggers()).isEmpty();
        assertThat(replica().resolve("a.txt")).doesNotExist();

        clock.set(Instant.parse("2026-11-23T08:00:00Z"));
        Members.connection(engine).wake();
        listener.await(CONNECTION_ESTABLISHED, WAIT);
        listener.awaitSnapshot(x -> x.syncResults().lastSuccessfulSyncTime() != null, WAIT);
        assertThat(replica().resolve("a.txt")).exists();

        clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        Members.connection(engine).wake();
        listener.await(SCHEDULE_OFF, WAIT);
        assertThat(listener.triggers()).containsExactly(SCHEDULE_ON, CONNECTION_ESTABLISHED, DISCONNECTED,
                SCHEDULE_OFF);
        listener.awaitSnapshot(x -> Instant.parse("2026-11-30T08:00:00Z").equals(x.syncResults().nextSyncTime()),
                WAIT);
    }

    @Test
    void forceReplicationSyncsOutsideTheScheduleAndStopSyncStopsIt() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        Map<String, String> s = Members.settings(dir, "file:upstream");
        s.put("inbound.hub.schedule", "* off");
        start(s, Clock.systemUTC());
        Thread.sleep(300);
        assertThat(listener.triggers()).isEmpty();

        engine.forceReplication(Members.inbound(engine), ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE);
        listener.awaitSnapshot(x -> x.syncResults().lastSuccessfulSyncTime() != null, WAIT);
        assertThat(replica().resolve("a.txt")).exists();

        engine.forceReplication(Members.inbound(engine), ReplicationMode.STOP_SYNC, BandwidthLevel.INFINITE);
        listener.await(SCHEDULE_OFF, WAIT);
        Members.write(up().resolve("docs/b.txt"), "beta");
        Thread.sleep(500);
        assertThat(replica().resolve("b.txt")).as("stopped").doesNotExist();

        engine.forceReplication(Members.inbound(engine), ReplicationMode.SYNC_UNTIL_IN_SYNC, BandwidthLevel.MBPS_16);
        listener.awaitSnapshot(x -> Files.exists(replica().resolve("b.txt")), WAIT);
        engine.forceReplication(Members.inbound(engine), ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
        listener.await(SCHEDULE_OFF, 2, WAIT);
        assertThat(listener.triggers()).containsExactly(SCHEDULE_ON, CONNECTION_ESTABLISHED, DISCONNECTED,
                SCHEDULE_OFF, SCHEDULE_ON, CONNECTION_ESTABLISHED, DISCONNECTED, SCHEDULE_OFF);
    }

    @Test
    void forceFolderReplicationOpensOneFolder() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        Map<String, String> s = Members.settings(dir, "file:upstream");
        s.put("inbound.hub.schedule", "* off");
        start(s, Clock.systemUTC());

        engine.forceFolderReplication(Members.inbound(engine), Members.docs(engine), ReplicationMode.SYNC_NOW,
                BandwidthLevel.MBPS_1);
        listener.awaitSnapshot(x -> Files.exists(replica().resolve("a.txt")), WAIT);
        engine.forceFolderReplication(Members.inbound(engine), Members.docs(engine), ReplicationMode.OBEY_SCHEDULE,
                BandwidthLevel.INFINITE);
        listener.await(SCHEDULE_OFF, WAIT);
    }

    @Test
    void forceDownloadFetchesOneFileByItsUidWhileStopped() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        Members.write(up().resolve("docs/b.txt"), "beta");
        start(Members.settings(dir, "file:upstream"), Clock.systemUTC());
        listener.awaitSnapshot(x -> x.syncResults().lastSuccessfulSyncTime() != null, WAIT);
        engine.forceReplication(Members.inbound(engine), ReplicationMode.STOP_SYNC, BandwidthLevel.INFINITE);
        listener.await(SCHEDULE_OFF, WAIT);
        Members.write(up().resolve("docs/a.txt"), "alpha v2, much longer");
        Members.write(up().resolve("docs/b.txt"), "beta v2, much longer");

        var ids = Members.connection(engine).folders().get(0).mirror().ids();
        IdRecord b = ids.records().get("b.txt");
        engine.forceDownload(Members.inbound(engine), Members.docs(engine), new Uid(ids.databaseGuid(), b.uid()));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(replica().resolve("b.txt")).equals("beta v2, much longer")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(Files.readString(replica().resolve("a.txt"))).isEqualTo("alpha");
        assertThatThrownBy(() -> engine.forceDownload(Members.inbound(engine), Members.docs(engine),
                new Uid(ids.databaseGuid(), 999_999)))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.returnCode()).hasValue(2));
    }

    @Test
    void checkConnectivityOpensTheFolderRootsAndSaysWhyNot() throws Exception {
        Members.write(up().resolve("docs/a.txt"), "alpha");
        start(Members.settings(dir, "file:upstream"), Clock.systemUTC());
        engine.checkConnectivity(Members.inbound(engine));
        assertThat(listener.awaitSnapshot(x -> x.inbound(), WAIT).link().scopes())
                .extracting(f -> f.name()).containsExactly("docs");

        Files.move(up().resolve("docs"), up().resolve("elsewhere"));
        assertThatThrownBy(() -> engine.checkConnectivity(Members.inbound(engine)))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.returnCode()).hasValue(InboundConnection.FRS_ERROR_CONTENTSET_NOT_FOUND));
    }
}
