package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.testing.TestMembers.DFSR;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * One daemon, two embedded engine instances of different replication groups and folders, each mirroring from a hub
 * daemon of its own: both sets of connections show through WQL, the metrics (labelled with their instance) and the
 * events; the shared peer endpoint takes each hub's notification to the right instance; and stopping one hub puts only
 * the connection of its instance In Error.
 */
class TwoEnginesTest {

    private static final int ONLINE = 1;
    private static final int IN_ERROR = 3;

    @TempDir
    Path dir;
    TestMembers members;

    @AfterEach
    void stopAll() {
        if (members != null) {
            members.close();
        }
    }

    private Map<String, String> instance(String group, String folder, String hub) {
        Map<String, String> s = members.inbound(hub, members.home(hub).toUri());
        s.put("inbound." + hub + ".pollInterval", "500ms"); // how soon the branch finds a hub gone
        s.put("group", group);
        s.put("folders.docs.path", folder);
        return s;
    }

    @Test
    void twoInstancesReplicateSideBySideAndFailApart() throws Exception {
        members = TestMembers.http(dir);
        TestMembers.write(members.folder("alphahub").resolve("a.txt"), "alpha");
        TestMembers.write(members.folder("betahub").resolve("b.txt"), "beta");
        Member alphaHub = members.start("alphahub", Map.of("group", "Alpha"));
        Member betaHub = members.start("betahub", Map.of("group", "Beta"));
        Member branch = members.startEngines("branch", Map.of(
                "alpha", instance("Alpha", "alpha-docs", "alphahub"),
                "beta", instance("Beta", "beta-docs", "betahub")));
        Path home = members.home("branch");
        TestMembers.awaitFile(home.resolve("alpha-docs/a.txt"), "alpha");
        TestMembers.awaitFile(home.resolve("beta-docs/b.txt"), "beta");

        // WQL: both instances' connections, each of its own group.
        JsonNode inbound = branch.await(DFSR, "SELECT * FROM DfsrConnectionInfo WHERE Inbound = TRUE AND State = 1",
                i -> i.size() == 2);
        List<String> groups = new ArrayList<>();
        inbound.forEach(i -> groups.add(i.at("/properties/ReplicationGroupName").asText()));
        assertThat(groups).containsExactlyInAnyOrder("Alpha", "Beta");
        // Each hub sees the branch's announcement, which went to the right instance of it.
        alphaHub.connection("Inbound = FALSE AND State = 1 AND ReplicationGroupName = 'Alpha'");
        betaHub.connection("Inbound = FALSE AND State = 1 AND ReplicationGroupName = 'Beta'");
        // A notification through the one peer endpoint reaches the instance of its group.
        TestMembers.write(members.folder("betahub").resolve("c.txt"), "gamma");
        TestMembers.awaitFile(home.resolve("beta-docs/c.txt"), "gamma");
        assertThat(home.resolve("alpha-docs/c.txt")).doesNotExist();

        // Metrics: every connection labelled with the instance that reports it.
        String metrics = metrics(branch);
        assertThat(metrics).containsPattern("replprov_dfsr_connection_state\\{[^}]*partner=\"alphahub\""
                + "[^}]*engine=\"alpha\"[^}]*\\} 1");
        assertThat(metrics).containsPattern("replprov_dfsr_connection_state\\{[^}]*partner=\"betahub\""
                + "[^}]*engine=\"beta\"[^}]*\\} 1");
        assertThat(metrics).contains("replprov_engine_up{engine=\"alpha\",type=\"embedded\"} 1");
        assertThat(metrics).contains("replprov_engine_up{engine=\"beta\",type=\"embedded\"} 1");

        // Events: stopping the Beta hub puts only the Beta connection In Error.
        TestMembers.Events events = branch.connectionEvents();
        betaHub.stop();
        JsonNode error = branch.connection("Inbound = TRUE AND State = 3");
        assertThat(error.get("PartnerName").asText()).isEqualTo("betahub");
        assertThat(error.get("ReplicationGroupName").asText()).isEqualTo("Beta");
        assertThat(error.get("LastErrorMessageId").asLong()).isEqualTo(5008);
        assertThat(events.awaitInboundStates("betahub", s -> s.contains(IN_ERROR))).endsWith(IN_ERROR);
        TestMembers.write(members.folder("alphahub").resolve("d.txt"), "delta");
        TestMembers.awaitFile(home.resolve("alpha-docs/d.txt"), "delta");
        JsonNode alpha = branch.connection("Inbound = TRUE AND PartnerName = 'alphahub'");
        assertThat(alpha.get("State").asInt()).as("the other instance's connection").isEqualTo(ONLINE);
        assertThat(events.inboundStates("alphahub")).as("no state change for the Alpha connection").isEmpty();
        assertThat(metrics(branch)).containsPattern("replprov_dfsr_connection_state\\{[^}]*partner=\"betahub\""
                + "[^}]*engine=\"beta\"[^}]*\\} 3");
    }

    private static String metrics(Member m) throws Exception {
        HttpResponse<String> r = m.send(HttpRequest.newBuilder(m.resolve("/metrics")), TestDaemon.READER);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
