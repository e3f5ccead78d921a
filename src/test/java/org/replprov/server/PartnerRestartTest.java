package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.testing.TestMembers.REPS_TO;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.providers.dfsr.LastError;
import org.replprov.testing.SambaServer;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * A hub daemon that goes down and comes back, seen from its branch and through its own state: the branch's inbound
 * connection goes In Error with event 5008 (EVENT_DFSR_CONNECTION_SERVICE_UNREACHABLE) once its retries are spent;
 * the hub restarts on the same state directory and port with its repsTo entry read back from its database, and
 * shows the outbound connection Online again once the branch has announced itself; the branch goes back through
 * Connecting to Online and fetches what changed meanwhile. Over file:// (HTTPS listeners) and over smb:// from a
 * real smbd that goes down with the hub. A hub restarted while its branch is away shows the restored outbound
 * connection Offline until the branch announces itself.
 */
class PartnerRestartTest {

    /** DfsrConnectionInfo.State values. */
    private static final int CONNECTING = 0;
    private static final int ONLINE = 1;
    private static final int OFFLINE = 2;
    private static final int IN_ERROR = 3;

    @TempDir
    Path dir;
    TestMembers members;
    SambaServer smbd;

    @AfterEach
    void stopAll() {
        if (members != null) {
            members.close();
        }
        if (smbd != null) {
            smbd.close();
        }
    }

    @Test
    void overFileTheBranchIsInErrorWhileTheHubDaemonIsDownAndCatchesUpWhenItReturns() throws Exception {
        members = TestMembers.https(dir);
        hubGoesDownAndComesBack(members.home("hub").toUri(), Map.of());
    }

    @Test
    void overSmbTheBranchIsInErrorWhileTheHubAndItsShareAreDownAndCatchesUpWhenTheyReturn() throws Exception {
        members = TestMembers.http(dir);
        smbd = SambaServer.in(dir.resolve("smbd")).share("hub", members.home("hub")).start();
        hubGoesDownAndComesBack(smbd.uri("hub", ""), Map.of("inbound.hub.smb.user", SambaServer.USER,
                "inbound.hub.smb.password", SambaServer.PASSWORD, "inbound.hub.smb.timeout", "5s"));
    }

    @Test
    void aRestartedHubShowsItsRestoredOutboundConnectionOfflineUntilTheBranchAnnouncesItself() throws Exception {
        members = TestMembers.http(dir);
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        Member hub = members.start("hub", Map.of());
        Member branch = members.start("branch1", members.inbound("hub", members.home("hub").toUri()));
        TestMembers.awaitFile(branch.folder().resolve("a.txt"), "alpha");
        JsonNode outbound = hub.connection("Inbound = FALSE AND State = 1");

        branch.stop();
        hub.stop();
        hub.start();
        JsonNode restored = hub.connection("Inbound = FALSE");
        assertThat(restored.get("State").asInt()).as("restored from the hub's database, not yet announced")
                .isEqualTo(OFFLINE);
        assertThat(restored.get("ConnectionGuid")).isEqualTo(outbound.get("ConnectionGuid"));
        assertThat(hub.query(REPS_TO, "SELECT * FROM ReplProv_RepsTo")).hasSize(1);

        branch.start();
        JsonNode announced = hub.connection("Inbound = FALSE AND State = 1");
        assertThat(announced.get("ConnectionGuid")).isEqualTo(outbound.get("ConnectionGuid"));
    }

    private void hubGoesDownAndComesBack(URI upstream, Map<String, String> more) throws Exception {
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        Instant since = Instant.now();
        Member hub = members.start("hub", Map.of());
        Map<String, String> settings = members.inbound("hub", upstream);
        settings.put("inbound.hub.pollInterval", "500ms"); // how soon the branch finds the hub gone
        settings.putAll(more);
        Member branch = members.start("branch1", settings);
        TestMembers.awaitFile(branch.folder().resolve("a.txt"), "alpha");
        MemberChecks.upstreamServes(hub, Map.of(branch, List.of("DRS_INIT_SYNC", "DRS_PER_SYNC")), since);
        // A notification that succeeds gives the hub's repsTo entry results of its own to keep.
        TestMembers.write(hub.folder().resolve("b.txt"), "beta");
        TestMembers.awaitFile(branch.folder().resolve("b.txt"), "beta");
        JsonNode entry = hub.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE TimeLastSuccess IS NOT NULL",
                i -> i.size() == 1).get(0).get("properties");
        JsonNode outbound = hub.connection("Inbound = FALSE AND State = 1");
        branch.connection("Inbound = TRUE AND State = 1");
        TestMembers.Events events = branch.connectionEvents();

        hub.stop();
        if (smbd != null) {
            smbd.stop();
        }
        JsonNode error = branch.connection("Inbound = TRUE AND State = 3");
        assertThat(error.get("LastErrorMessageId").asLong()).as(error.toString()).isEqualTo(5008);
        assertThat(error.get("LastErrorCode").asLong()).isEqualTo(LastError.DFSR_E_CANNOT_CONNECT);
        TestMembers.write(hub.folder().resolve("c.txt"), "gamma"); // while the hub is down

        if (smbd != null) {
            smbd.restart();
        }
        hub.start();
        JsonNode kept = hub.query(REPS_TO, "SELECT * FROM ReplProv_RepsTo");
        assertThat(kept).as("the repsTo list, read back from the hub's database").hasSize(1);
        assertThat(kept.get(0).get("properties").get("UuidDsa")).isEqualTo(entry.get("UuidDsa"));
        assertThat(kept.get(0).get("properties").get("TimeLastSuccess"))
                .as("the notification results, which a new announcement would not have").isEqualTo(
                        entry.get("TimeLastSuccess"));
        JsonNode again = hub.connection("Inbound = FALSE AND State = 1");
        assertThat(again.get("ConnectionGuid")).isEqualTo(outbound.get("ConnectionGuid"));
        assertThat(again.get("PartnerName").asText()).isEqualTo("branch1");

        TestMembers.awaitFile(branch.folder().resolve("c.txt"), "gamma");
        List<Integer> states = events.awaitInboundStates("hub", s -> !s.isEmpty() && s.get(s.size() - 1) == ONLINE);
        assertThat(states).as("Online, then retries that fail, then Online again").startsWith(CONNECTING, IN_ERROR)
                .endsWith(IN_ERROR, CONNECTING, ONLINE);
        Instant lastSuccess = TestMembers.instant(error, "LastSuccessfulSyncTime");
        JsonNode online = branch.connection("Inbound = TRUE AND State = 1",
                p -> TestMembers.instant(p, "LastSuccessfulSyncTime").isAfter(lastSuccess));
        assertThat(online.get("LastErrorCode").asLong()).isZero();
        assertThat(online.get("LastErrorMessageId").asLong()).isZero();
    }
}
