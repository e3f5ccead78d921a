package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.JsonApi;
import org.replprov.testing.TestDaemon;

/**
 * Two daemons as the configuration builds them ({@link Backend}), each with the embedded engine: a hub and a branch
 * that mirrors the hub's folder and announces itself over the hub's listener. The peer protocol runs through the
 * daemons' own listeners (authentication, routing), and the hub's repsTo list shows in ReplProv_RepsTo and in its
 * metrics.
 */
class PeerMembersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REPS_TO = "root/MicrosoftActiveDirectory";

    @TempDir
    Path dir;

    private final List<Member> running = new ArrayList<>();

    /** A running daemon and what it serves, closed in the order {@code serve} closes them. */
    private record Member(Backend backend, Daemon daemon) implements AutoCloseable {
        URI uri() {
            return daemon.endpoints().get(0);
        }

        @Override
        public void close() {
            daemon.close();
            backend.close();
        }
    }

    @AfterEach
    void stopAll() {
        running.forEach(Member::close);
    }

    private Member start(String name, int port, String settings) {
        String yaml = TestDaemon.yaml("listeners:\n  - {address: 127.0.0.1, port: " + port + "}\n") + """
                stateDirectory: %s/state
                engine:
                  name: embedded
                  settings:
                    member: %s
                    group: Demo
                    baseDirectory: %s
                    stateDirectory: engine
                    folders:
                      docs: {path: docs}
                %s""".formatted(dir.resolve(name), name, dir.resolve(name), settings.indent(4));
        DaemonConfig config = DaemonConfig.parse(name + ".yaml", yaml, dir);
        Backend backend = Backend.open(config, Clock.systemUTC());
        Member m = new Member(backend, Daemon.builder(config, backend).buildAndStart());
        running.add(m);
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonApi api(Member m, String user) {
        return new JsonApi(HTTP, m.uri(), user, TestDaemon.PASSWORD);
    }

    private static HttpResponse<String> announce(Member hub, String user) throws Exception {
        return api(hub, user).send(HttpRequest.newBuilder(hub.uri().resolve("/api/v1/peer/announce"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    @Test
    void aBranchAnnouncedOverTheHubsListenerIsNotifiedAndShowsInReplProvRepsTo() throws Exception {
        Files.createDirectories(dir.resolve("hub/docs"));
        Files.writeString(dir.resolve("hub/docs/a.txt"), "alpha");
        int hubPort = freePort();
        int branchPort = freePort();
        Member hub = start("hub", hubPort, "peer: {notifyDelay: 100ms}");
        String branchAddress = "http://127.0.0.1:" + branchPort + "/";
        Member branch = start("branch1", branchPort, """
                peer: {address: "%s"}
                inbound:
                  hub:
                    upstream: "%s"
                    pollInterval: 1h
                    peer: "http://127.0.0.1:%d/"
                    peerUser: %s
                    peerPassword: %s
                """.formatted(branchAddress, dir.resolve("hub").toUri(), hubPort, TestDaemon.OPERATOR,
                TestDaemon.PASSWORD));
        JsonApi.awaitFile(dir.resolve("branch1/docs/a.txt")); // DRS_INIT_SYNC: replicated at start

        JsonApi hubApi = api(hub, TestDaemon.READER);
        JsonNode entries = hubApi.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo", i -> i.size() == 1);
        JsonNode entry = entries.get(0).get("properties");
        assertThat(entry.get("NamingContext").asText()).isEqualTo("CN=Demo,CN=DFSR-GlobalSettings,CN=System");
        assertThat(entry.get("NaDsa").asText()).isEqualTo(branchAddress);
        JsonNode outbound = hubApi.await("root/MicrosoftDfs", "SELECT * FROM DfsrConnectionInfo WHERE Inbound = FALSE",
                i -> i.size() == 1).get(0).get("properties");
        assertThat(outbound.get("PartnerName").asText()).isEqualTo("branch1");

        // Only a notification brings this file over quickly: the branch polls once an hour.
        Files.writeString(dir.resolve("hub/docs/b.txt"), "beta");
        JsonApi.awaitFile(dir.resolve("branch1/docs/b.txt"));
        JsonNode notified = hubApi.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE TimeLastSuccess IS NOT NULL",
                i -> i.size() == 1).get(0).get("properties");
        assertThat(notified.get("ResultLastAttempt").asLong()).isZero();
        assertThat(notified.get("ConsecutiveFailures").asLong()).isZero();

        // The branch goes away: the next notification fails, and ReplProv_RepsTo and the metrics say so.
        branch.close();
        running.remove(branch);
        Files.writeString(dir.resolve("hub/docs/c.txt"), "gamma");
        JsonNode failing = hubApi.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE ConsecutiveFailures > 0",
                i -> i.size() == 1).get(0).get("properties");
        assertThat(failing.get("ResultLastAttemptName").asText()).isEqualTo("RPC_S_SERVER_UNAVAILABLE");
        HttpResponse<String> metrics = hubApi.send(HttpRequest.newBuilder(hub.uri().resolve("/metrics")));
        assertThat(metrics.body().lines()).anyMatch(l -> l.startsWith("replprov_repsto_consecutive_failures{")
                && l.contains("na_dsa=\"" + branchAddress + "\"") && l.endsWith(" 1"));
        MetricsTest.promtoolAccepts(metrics.body());
    }

    @Test
    void announcingNeedsAnOperatorNotifyingNeedsNoAccount() throws Exception {
        Files.createDirectories(dir.resolve("hub/docs"));
        Member hub = start("hub", 0, "");

        assertThat(announce(hub, null).statusCode()).isEqualTo(401);
        HttpResponse<String> reader = announce(hub, TestDaemon.READER);
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(reader.body()).get("error").asText()).isEqualTo("forbidden");
        HttpResponse<String> operator = announce(hub, TestDaemon.OPERATOR);
        assertThat(operator.statusCode()).as("reaches the engine, which finds the body incomplete").isEqualTo(400);
        assertThat(JSON.readTree(operator.body()).get("error").asText()).isEqualTo("malformed");

        JsonApi anonymous = api(hub, null);
        HttpResponse<String> notify = anonymous.send(HttpRequest.newBuilder(hub.uri().resolve("/api/v1/peer/notify"))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"protocol": 1, "groupGuid": "00000000-0000-0000-0000-000000000001",
                         "memberGuid": "00000000-0000-0000-0000-000000000002",
                         "connectionGuid": "00000000-0000-0000-0000-000000000003", "notifyToken": "t"}""")));
        assertThat(notify.statusCode()).as("no inbound connection here: refused by the engine, not by the listener")
                .isEqualTo(404);
        assertThat(JSON.readTree(notify.body()).get("error").asText()).isEqualTo("unrecognized");

        HttpResponse<String> get = anonymous.send(HttpRequest.newBuilder(hub.uri().resolve("/api/v1/peer/notify")));
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }
}
