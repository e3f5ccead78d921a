package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigurationException;
import org.replprov.testing.JsonApi;
import org.replprov.testing.TestMembers;

/**
 * A three-member lab in this process, read the way an operator reads it: through each member's JSON API over HTTPS,
 * trusting the lab's certificate, as the lab's account. The hub shows a repsTo entry and an outbound connection per
 * branch, notifies them of a change, and still knows them after a restart.
 */
class LabTest {

    private static final String DFS = TestMembers.DFSR;
    private static final String AD = TestMembers.REPS_TO;

    @TempDir
    Path dir;

    private static JsonApi api(Lab lab, Lab.Member member) {
        HttpClient https = HttpClient.newBuilder().sslContext(JsonApi.trusting(lab.certificate())).build();
        return new JsonApi(https, member.url(), Lab.USER, lab.password());
    }

    private static List<String> values(JsonNode instances, String property) {
        return StreamSupport.stream(instances.spliterator(), false)
                .map(i -> i.get("properties").get(property).asText()).toList();
    }

    private static Map<String, String> timeLastSuccessByUuid(JsonNode instances) {
        Map<String, String> m = new HashMap<>();
        instances.forEach(i -> m.put(i.get("properties").get("UuidDsa").asText(),
                i.get("properties").get("TimeLastSuccess").asText()));
        return m;
    }

    @Test
    void theHubNotifiesItsBranchesShowsThemInRepsToAndKeepsThemAcrossARestart() throws Exception {
        Lab.Options options = new Lab.Options(3, dir.resolve("lab"), 0);
        Map<String, String> notified;
        try (Lab lab = Lab.start(options, Clock.systemUTC())) {
            assertThat(lab.resumed()).isFalse();
            assertThat(lab.members()).extracting(Lab.Member::name).containsExactly("hub", "branch1", "branch2");
            assertThat(lab.members()).allSatisfy(m -> assertThat(m.url().toString()).startsWith("https://127.0.0.1:"));
            List<String> branchUrls = lab.branches().stream().map(b -> b.url().toString()).toList();
            JsonApi hub = api(lab, lab.hub());

            JsonNode outbound = hub.await(DFS, "SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = FALSE",
                    i -> i.size() == 2);
            assertThat(values(outbound, "PartnerName")).containsExactlyInAnyOrder("branch1", "branch2");
            JsonNode entries = hub.await(AD, "SELECT * FROM ReplProv_RepsTo", i -> i.size() == 2);
            assertThat(values(entries, "NaDsa")).containsExactlyInAnyOrderElementsOf(branchUrls);
            assertThat(values(entries, "NamingContext")).containsOnly("CN=Lab,CN=DFSR-GlobalSettings,CN=System");
            for (Lab.Member branch : lab.branches()) {
                api(lab, branch).await(DFS, "SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = TRUE "
                        + "AND PartnerName = 'hub' AND State = 1", i -> i.size() == 1);
                String sample = "reports/2024-q1.csv"; // one of the hub's samples, replicated at start
                TestMembers.awaitFile(branch.folder().resolve(sample), Files.readString(lab.hub().folder()
                        .resolve(sample)));
            }
            assertThat(hub.query(AD, "SELECT * FROM ReplProv_RepsTo WHERE TimeLastSuccess IS NOT NULL"))
                    .as("nothing notified yet").isEmpty();

            // The branches poll once a minute; the file arrives at once because the hub notifies them, as
            // ReplProv_RepsTo records.
            Files.writeString(lab.hub().folder().resolve("news.txt"), "news");
            for (Lab.Member branch : lab.branches()) {
                TestMembers.awaitFile(branch.folder().resolve("news.txt"), "news");
            }
            JsonNode results = hub.await(AD, "SELECT UuidDsa, TimeLastSuccess, ConsecutiveFailures FROM "
                    + "ReplProv_RepsTo WHERE TimeLastSuccess IS NOT NULL", i -> i.size() == 2);
            assertThat(values(results, "ConsecutiveFailures")).containsOnly("0");
            notified = timeLastSuccessByUuid(results);
        }

        try (Lab again = Lab.start(options, Clock.systemUTC())) {
            assertThat(again.resumed()).isTrue();
            JsonNode kept = api(again, again.hub()).query(AD, "SELECT UuidDsa, TimeLastSuccess FROM ReplProv_RepsTo");
            assertThat(timeLastSuccessByUuid(kept)).as("the repsTo entries and their results, from the state database")
                    .isEqualTo(notified);
        }
    }

    @Test
    void aDirectoryThatHoldsSomethingElseIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> Lab.start(new Lab.Options(2, dir, 0), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dir + " is not empty and holds no lab (no lab.p12): choose another directory");
        assertThat(dir).isDirectoryNotContaining("glob:**/lab.p12");
    }

    @Test
    void aMemberThatCannotListenStopsTheLabWithItsNameAndPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Lab.start(new Lab.Options(2, dir.resolve("lab"), port), Clock.systemUTC()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("member hub cannot listen on https://127.0.0.1:" + port + ": ");
        }
    }
}
