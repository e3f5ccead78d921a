package org.replprov.engines.syncthing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.Guids;
import org.replprov.engines.syncthing.rest.NeedList;
import org.replprov.engines.syncthing.rest.SyncthingClient;
import org.replprov.server.Backend;
import org.replprov.server.Daemon;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.JsonApi;
import org.replprov.testing.SyncthingCluster;
import org.replprov.testing.TestDaemon;

/**
 * The {@code syncthing} engine inside the daemon, configured from YAML ({@code engines: {st: {type: syncthing, …}}}),
 * seen through WQL and the event stream: the connections of instance {@code a}, the same ConnectionGuid as a second
 * daemon pointed at instance {@code b} reports, and each change (a pause in Syncthing, a killed partner, its return)
 * arriving as a DfsrConnectionInfo modification event — also after the REST connection was cut under the event
 * long-poll (daemon {@code a} reaches Syncthing through a loopback relay the test can cut).
 */
class SyncthingDaemonTest {

    static final String DFSR = "root/MicrosoftDfs";
    static final ObjectMapper JSON = new ObjectMapper();
    /** A bound, not a speed: Syncthing restarts and redials slowly on a loaded machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path clusterDir;
    static SyncthingCluster cluster;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

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
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        for (SyncthingCluster.Instance i : cluster.instances()) {
            if (!i.running()) {
                i.start();
            }
        }
    }

    /** A daemon with one syncthing engine instance {@code st} against {@code url}. */
    JsonApi daemon(String name, SyncthingCluster.Instance instance, URI url) throws Exception {
        Path key = Files.writeString(dir.resolve(name + ".key"), instance.apiKey());
        String yaml = TestDaemon.yaml("listeners:\n  - {address: 127.0.0.1, port: 0}\n")
                + "stateDirectory: " + JSON.writeValueAsString(dir.resolve("state-" + name).toString()) + "\n"
                + "engines:\n  st: " + JSON.writeValueAsString(Map.of("type", "syncthing", "url", url.toString(),
                "apiKeyFile", key.toString())) + "\n";
        DaemonConfig config = DaemonConfig.parse(name + ".yaml", yaml, dir);
        Backend backend = Backend.open(config, Clock.systemUTC());
        open.add(backend);
        Daemon daemon = Daemon.builder(config, backend).buildAndStart();
        open.add(daemon);
        return new JsonApi(http, daemon.endpoints().get(0), TestDaemon.READER, TestDaemon.PASSWORD);
    }

    static JsonNode one(JsonApi api, String where, Predicate<JsonNode> done) throws Exception {
        return api.await(DFSR, "SELECT * FROM DfsrConnectionInfo WHERE " + where,
                i -> i.size() == 1 && done.test(i.get(0).get("properties"))).get(0).get("properties");
    }

    @Test
    void connectionsThroughWqlWithTheSameGuidOnBothEndsAndEveryChangeAsAnEvent() throws Exception {
        Relay relay = new Relay(cluster.get("a").guiUrl().getPort());
        open.add(relay);
        JsonApi a = daemon("a", cluster.get("a"), URI.create("http://127.0.0.1:" + relay.port() + "/"));
        JsonApi b = daemon("b", cluster.get("b"), cluster.get("b").guiUrl());

        JsonNode online = a.await(DFSR, "SELECT * FROM DfsrConnectionInfo WHERE State = 1", i -> i.size() == 4);
        List<String> seen = new ArrayList<>();
        online.forEach(i -> seen.add(i.at("/properties/PartnerName").asText() + "/"
                + i.at("/properties/Inbound").asBoolean()));
        assertThat(seen).containsExactlyInAnyOrder("member-b/true", "member-b/false", "member-c/true",
                "member-c/false");
        JsonNode aFromB = one(a, "Inbound = TRUE AND PartnerName = 'member-b'", p -> true);
        JsonNode bToA = one(b, "Inbound = FALSE AND PartnerName = 'member-a' AND State = 1", p -> true);
        assertThat(bToA.get("ConnectionGuid").asText()).isEqualTo(aFromB.get("ConnectionGuid").asText());
        assertThat(aFromB.get("ReplicationGroupName").asText()).isEqualTo("Syncthing");
        assertThat(aFromB.get("MemberName").asText()).isEqualTo("member-a");

        Events events = new Events(a);
        String c = cluster.get("c").deviceId();
        cluster.get("a").client().pauseDevice(c);
        events.await("member-c", s -> s.contains(2));
        cluster.get("a").client().resumeDevice(c);
        events.await("member-c", s -> s.size() >= 2 && s.get(s.size() - 1) == 1);

        // The REST connection is cut under the long-poll: the engine reconnects and events keep coming.
        relay.cut();
        cluster.get("c").kill();
        List<Integer> states = events.await("member-c", s -> s.get(s.size() - 1) == 3);
        assertThat(states.subList(states.size() - 2, states.size())).as("Connecting, then In Error")
                .containsExactly(0, 3);
        // The first error may be the broken connection's (5002); the dial status that follows says the partner's
        // service is unreachable (5008), which the engine reads every 2 s while the partner is down.
        JsonNode error = one(a, "Inbound = TRUE AND PartnerName = 'member-c'", p -> p.get("State").asInt() == 3
                && p.get("LastErrorMessageId").asLong() == 5008);
        assertThat(error.get("LastErrorCode").asLong()).isNotZero();
        cluster.get("c").start();
        events.await("member-c", s -> s.get(s.size() - 1) == 1);
        events.close();
    }

    /**
     * The files a partner still has to send are DfsrIdRecordInfo instances, found by name through WQL; their Uid is
     * what ForceDownload takes. The files are held back: c's sending to a is slowed until a has c's index, then c is
     * paused in a's Syncthing, so they stay needed.
     */
    @Test
    void neededFilesAreFoundByNameThroughWqlAndTheirUidForcesTheDownload() throws Exception {
        JsonApi reader = daemon("a", cluster.get("a"), cluster.get("a").guiUrl());
        JsonApi operator = new JsonApi(reader.http(), reader.base(), TestDaemon.OPERATOR, TestDaemon.PASSWORD);
        SyncthingClient st = cluster.get("a").client();
        String c = cluster.get("c").deviceId();
        Path from = cluster.get("c").folder("ac");
        Path to = cluster.get("a").folder("ac");
        String connection = reader.await(DFSR, "SELECT ConnectionGuid FROM DfsrConnectionInfo WHERE Inbound = TRUE "
                + "AND PartnerName = 'member-c' AND State = 1", i -> i.size() == 1)
                .get(0).at("/properties/ConnectionGuid").asText();
        byte[] data = new byte[256 * 1024];
        new java.util.Random(7).nextBytes(data);
        st.setLimitBandwidthInLan(true);
        st.setMaxRecvKbps(c, 8);
        try {
            for (int i = 0; i < 3; i++) {
                Files.write(from.resolve("idrec-" + i + ".bin"), data);
            }
            cluster.get("c").client().scan("ac");
            NeedList.NeedFile wanted = awaitNeeded(st, "idrec-2.bin");
            st.pauseDevice(c);

            JsonNode found = reader.await(DFSR, "SELECT Uid, ReplicatedFolderGuid FROM DfsrIdRecordInfo WHERE "
                    + "FileName = 'idrec-2.bin'", i -> i.size() == 1).get(0).get("properties");
            String uid = found.get("Uid").asText();
            assertThat(uid).isEqualTo(SyncthingEngine.uid("ac", wanted).toString())
                    .startsWith("{" + Guids.format(Ids.folder("ac")).toUpperCase(Locale.ROOT) + "}-v");
            assertThat(found.get("ReplicatedFolderGuid").asText()).isEqualToIgnoringCase(
                    Guids.format(Ids.folder("ac")));
            JsonNode all = reader.query(DFSR, "SELECT * FROM DfsrIdRecordInfo WHERE FileName = 'idrec-2.bin'");
            assertThat(all).hasSize(1);
            assertThat(all.get(0).at("/properties/FullPathName").asText()).endsWith("/ac/idrec-2.bin");
            assertThat(all.get(0).at("/properties/Flags").asInt()).as("PRESENT_FLAG").isEqualTo(1);

            assertThat(forceDownload(operator, connection, Guids.format(Ids.folder("ac")), uid)).isEqualTo(0);
            assertThat(forceDownload(operator, connection, Guids.format(Ids.folder("ac")),
                    "{" + Guids.format(Ids.folder("ac")) + "}-v987654321")).as("a Uid never given out").isEqualTo(2);
        } finally {
            st.resumeDevice(c);
            st.setMaxRecvKbps(c, 0);
            st.setLimitBandwidthInLan(false);
        }
        st.scan("ac"); // a pull that failed while c was paused waits for its retry otherwise
        for (int i = 0; i < 3; i++) {
            awaitFile(to.resolve("idrec-" + i + ".bin"));
        }
        // Arrived: no longer needed, so no longer an ID record.
        reader.await(DFSR, "SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'idrec-2.bin'", i -> i.size() == 0);
        for (int i = 0; i < 3; i++) {
            Files.delete(from.resolve("idrec-" + i + ".bin"));
        }
        cluster.get("c").client().scan("ac");
    }

    /** Waits until Syncthing lists {@code name} among the files the folder ac needs; returns its entry. */
    static NeedList.NeedFile awaitNeeded(SyncthingClient st, String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            NeedList need = st.need("ac");
            for (List<NeedList.NeedFile> l : List.of(need.progress(), need.queued(), need.rest())) {
                for (NeedList.NeedFile f : l) {
                    if (f.name().equals(name)) {
                        return f;
                    }
                }
            }
            assertThat(System.nanoTime()).as(name + " needed by a").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.multipliedBy(2).toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as(file + " arrives").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** DfsrConnectionInfo.ForceDownload through {@code POST /api/v1/invoke}; its return value. */
    int forceDownload(JsonApi operator, String connection, String folder, String uid) throws Exception {
        String body = JSON.writeValueAsString(Map.of("path", "DfsrConnectionInfo.ConnectionGuid=\"" + connection
                + "\"", "method", "ForceDownload", "parameters", Map.of("ReplicatedFolderGuid", folder, "Uid", uid)));
        HttpResponse<String> r = operator.send(HttpRequest.newBuilder(operator.base().resolve("/api/v1/invoke"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("returnValue").asInt();
    }

    /** The DfsrConnectionInfo modification events of a daemon. */
    final class Events implements AutoCloseable {
        private final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final Stream<String> lines;

        Events(JsonApi api) throws Exception {
            String q = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'DfsrConnectionInfo'";
            HttpRequest r = HttpRequest.newBuilder(api.base().resolve("/api/v1/events?namespace="
                            + URLEncoder.encode(DFSR, StandardCharsets.UTF_8) + "&query="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)).build();
            HttpResponse<Stream<String>> response = http.send(r, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            lines = response.body();
            Thread t = new Thread(() -> {
                try {
                    lines.filter(l -> l.startsWith("data: ")).forEach(l -> {
                        try {
                            received.add(JSON.readTree(l.substring(6)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException closed) {
                    // the test closed the stream
                }
            }, "test-events");
            t.setDaemon(true);
            t.start();
        }

        /** The inbound connection's State values, in order, from the changes of State among the events. */
        List<Integer> states(String partner) {
            return received.stream().filter(e -> e.at("/targetInstance/properties/Inbound").asBoolean()
                            && partner.equals(e.at("/targetInstance/properties/PartnerName").asText()))
                    .filter(e -> e.at("/targetInstance/properties/State").asInt()
                            != e.at("/previousInstance/properties/State").asInt())
                    .map(e -> e.at("/targetInstance/properties/State").asInt()).toList();
        }

        List<Integer> await(String partner, Predicate<List<Integer>> done) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (states(partner).isEmpty() || !done.test(states(partner))) {
                assertThat(System.nanoTime()).as("states of " + partner + ": " + states(partner))
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            return states(partner);
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** A loopback TCP relay to a port, whose connections the test can cut at once. */
    static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Relay(int target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(in);
                        sockets.add(out);
                        pipe(in, out);
                        pipe(out, in);
                    } catch (IOException e) {
                        // closed, or the target refused: the client sees its connection closed
                    }
                }
            }, "test-relay");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // cut
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "test-relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        /** Closes every relayed connection, as a network failure would. */
        void cut() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }

        @Override
        public void close() throws IOException {
            server.close();
            cut();
        }
    }
}
