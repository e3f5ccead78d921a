package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.testing.TestMembers.REPS_TO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * Two daemons as the configuration builds them ({@link Backend}), each with the embedded engine: a hub and a branch
 * that mirrors the hub's folder and announces itself over the hub's listener. The peer protocol runs through the
 * daemons' own listeners (authentication, routing), and the hub's repsTo list shows in ReplProv_RepsTo and in its
 * metrics.
 */
class PeerMembersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestMembers members;

    @AfterEach
    void stopAll() {
        members.close();
    }

    private static HttpResponse<String> announce(Member hub, String user) throws Exception {
        return hub.send(HttpRequest.newBuilder(hub.resolve("/api/v1/peer/announce"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), user);
    }

    @Test
    void aBranchAnnouncedOverTheHubsListenerIsNotifiedAndShowsInReplProvRepsTo() throws Exception {
        members = TestMembers.http(dir);
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        Member hub = members.start("hub", Map.of());
        Member branch = members.start("branch1", members.inbound("hub", members.home("hub").toUri()));
        String branchAddress = branch.uri().toString();
        TestMembers.awaitFile(branch.folder().resolve("a.txt"), "alpha"); // DRS_INIT_SYNC: replicated at start

        JsonNode entries = hub.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo", i -> i.size() == 1);
        JsonNode entry = entries.get(0).get("properties");
        assertThat(entry.get("NamingContext").asText()).isEqualTo("CN=Demo,CN=DFSR-GlobalSettings,CN=System");
        assertThat(entry.get("NaDsa").asText()).isEqualTo(branchAddress);
        assertThat(hub.connection("Inbound = FALSE").get("PartnerName").asText()).isEqualTo("branch1");

        // Only a notification brings this file over quickly: the branch polls once an hour.
        TestMembers.write(hub.folder().resolve("b.txt"), "beta");
        TestMembers.awaitFile(branch.folder().resolve("b.txt"), "beta");
        JsonNode notified = hub.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE TimeLastSuccess IS NOT NULL",
                i -> i.size() == 1).get(0).get("properties");
        assertThat(notified.get("ResultLastAttempt").asLong()).isZero();
        assertThat(notified.get("ConsecutiveFailures").asLong()).isZero();

        // The branch goes away: the next notification fails, and ReplProv_RepsTo and the metrics say so.
        branch.stop();
        TestMembers.write(hub.folder().resolve("c.txt"), "gamma");
        JsonNode failing = hub.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE ConsecutiveFailures > 0",
                i -> i.size() == 1).get(0).get("properties");
        assertThat(failing.get("ResultLastAttemptName").asText()).isEqualTo("RPC_S_SERVER_UNAVAILABLE");
        HttpResponse<String> metrics = hub.send(HttpRequest.newBuilder(hub.resolve("/metrics")), TestDaemon.READER);
        assertThat(metrics.body().lines()).anyMatch(l -> l.startsWith("replprov_repsto_consecutive_failures{")
                && l.contains("na_dsa=\"" + branchAddress + "\"") && l.endsWith(" 1"));
        MetricsTest.promtoolAccepts(metrics.body());
    }

    @Test
    void announcingNeedsAnOperatorNotifyingNeedsNoAccount() throws Exception {
        members = TestMembers.http(dir);
        Member hub = members.start("hub", Map.of());

        assertThat(announce(hub, null).statusCode()).isEqualTo(401);
        HttpResponse<String> reader = announce(hub, TestDaemon.READER);
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(reader.body()).get("error").asText()).isEqualTo("forbidden");
        HttpResponse<String> operator = announce(hub, TestDaemon.OPERATOR);
        assertThat(operator.statusCode()).as("reaches the engine, which finds the body incomplete").isEqualTo(400);
        assertThat(JSON.readTree(operator.body()).get("error").asText()).isEqualTo("malformed");

        HttpResponse<String> notify = hub.send(HttpRequest.newBuilder(hub.resolve("/api/v1/peer/notify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"protocol": 1, "groupGuid": "00000000-0000-0000-0000-000000000001",
                         "memberGuid": "00000000-0000-0000-0000-000000000002",
                         "connectionGuid": "00000000-0000-0000-0000-000000000003", "notifyToken": "t"}""")), null);
        assertThat(notify.statusCode()).as("no inbound connection here: refused by the engine, not by the listener")
                .isEqualTo(404);
        assertThat(JSON.readTree(notify.body()).get("error").asText()).isEqualTo("unrecognized");

        HttpResponse<String> get = hub.send(HttpRequest.newBuilder(hub.resolve("/api/v1/peer/notify")), null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        JsonNode refusal = JSON.readTree(get.body());
        assertThat(refusal.get("protocol").asInt()).as("refusals are peer-protocol messages").isEqualTo(1);
        assertThat(refusal.get("error").asText()).isEqualTo("malformed");
        assertThat(refusal.get("message").asText()).isEqualTo("/api/v1/peer/notify takes POST, not GET");
    }

    /**
     * The listener's checks hold for the engine's endpoint: a body that is not declared JSON is refused (a browser's
     * cross-site form cannot reach it), an oversized one is refused in the peer protocol's words before it is read,
     * and a path below the prefix that the engine does not serve needs an account like the rest of the API.
     */
    @Test
    void theListenersChecksHoldForTheEnginesEndpoint() throws Exception {
        members = TestMembers.http(dir);
        Member hub = members.start("hub", Map.of());

        HttpResponse<String> form = hub.send(HttpRequest.newBuilder(hub.resolve("/api/v1/peer/notify"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")), null);
        assertThat(form.statusCode()).isEqualTo(415);

        try (RawHttp http = new RawHttp(hub.uri().getPort())) {
            http.send("POST /api/v1/peer/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + (TestDaemon.MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualTo("close");
            JsonNode tooLarge = JSON.readTree(r.body());
            assertThat(tooLarge.get("protocol").asInt()).isEqualTo(1);
            assertThat(tooLarge.get("error").asText()).isEqualTo("malformed");
            assertThat(tooLarge.get("message").asText()).contains("exceeds the limit of " + TestDaemon.MAX_REQUEST_BYTES);
        }

        HttpResponse<String> anonymous = hub.send(HttpRequest.newBuilder(hub.resolve("/api/v1/peer/other"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> reader = hub.send(HttpRequest.newBuilder(hub.resolve("/api/v1/peer/other"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")),
                TestDaemon.READER);
        assertThat(reader.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(reader.body()).get("error").asText()).isEqualTo("unrecognized");
    }
}
