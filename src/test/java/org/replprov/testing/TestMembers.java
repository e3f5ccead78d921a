package org.replprov.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.replprov.cim.CimTimestamp;
import org.replprov.server.Backend;
import org.replprov.server.Daemon;
import org.replprov.server.config.DaemonConfig;
import org.replprov.server.security.SelfSignedKeystore;

/**
 * Members of one replication group, each a daemon as {@code serve} builds it: a {@link Backend} with the embedded
 * engine and a {@link Daemon} with a real loopback listener that authenticates ({@link TestDaemon}'s users). Every
 * member replicates one folder, {@code docs}, of group {@code Demo}, and keeps all it has below {@code <dir>/<name>}:
 * the folder in {@code docs}, the engine's database in {@code engine}, the daemon's state in {@code state}.
 *
 * <p>A member's port is chosen when its name is first used, so that partners can be configured with each other's
 * addresses before they start, and kept, so that a member restarts where it was. With {@link #https}, every listener
 * serves TLS with one self-signed certificate ({@link SelfSignedKeystore}, as {@code replprov cert} makes it), and
 * every member trusts it through {@code peer.trustStore}, as members that talk over the daemon's HTTPS listener are
 * configured.
 */
public final class TestMembers implements AutoCloseable {

    public static final String GROUP = "Demo";
    public static final String FOLDER = "docs";
    public static final String DFSR = "root/MicrosoftDfs";
    public static final String REPS_TO = "root/MicrosoftActiveDirectory";
    /** How long anything the tests wait for may take on a loaded machine. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Optional<Tls> tls;
    private final HttpClient http;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();
    private final List<Events> subscriptions = new CopyOnWriteArrayList<>();

    /** The certificate every listener serves, and the trust store with it that members and this client use. */
    private record Tls(Path keystore, Path trustStore, String trustStorePassword, SSLContext client) {
    }

    private TestMembers(Path dir, Optional<Tls> tls) {
        this.dir = dir;
        this.tls = tls;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        tls.ifPresent(t -> b.sslContext(t.client()));
        this.http = b.build();
    }

    /** Members with plain HTTP listeners. */
    public static TestMembers http(Path dir) {
        return new TestMembers(dir, Optional.empty());
    }

    /** Members with HTTPS listeners, talking to each other (and to the test) over TLS. */
    public static TestMembers https(Path dir) {
        return new TestMembers(dir, Optional.of(certificate(dir.resolve("tls"))));
    }

    /** A self-signed certificate for 127.0.0.1, as {@code replprov cert} makes it, and a trust store with it. */
    private static Tls certificate(Path dir) {
        try {
            Files.createDirectories(dir);
            SelfSignedKeystore keystore = SelfSignedKeystore.create(dir.resolve("listener.p12"), List.of("localhost"),
                    List.of("127.0.0.1"), 30);
            Path trustStore = dir.resolve("trust.p12");
            keystore.writeTrustStore(trustStore);
            return new Tls(keystore.keystore(), trustStore, new String(keystore.password()),
                    JsonApi.trusting(keystore.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member's listener, {@code http(s)://127.0.0.1:PORT/}, whether it runs or not. */
    public URI address(String name) {
        return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + port(name) + "/");
    }

    private synchronized int port(String name) {
        return ports.computeIfAbsent(name, n -> TestDaemon.freePort());
    }

    /** Where member {@code name} keeps everything. */
    public Path home(String name) {
        return dir.resolve(name);
    }

    /** The member's replicated folder {@code docs}. */
    public Path folder(String name) {
        return home(name).resolve(FOLDER);
    }

    /**
     * Engine settings (dotted names) of an inbound connection from member {@code partner} of this fixture: the
     * folder read from {@code upstream}, announced over the partner's listener as its operator. It polls hourly, so
     * that changes arrive by notification; it retries twice, 100 ms apart and then up to 300 ms. Returned mutable,
     * for a test to add or change keys.
     */
    public Map<String, String> inbound(String partner, URI upstream) {
        String p = "inbound." + partner + ".";
        Map<String, String> s = new LinkedHashMap<>();
        s.put(p + "upstream", upstream.toString());
        s.put(p + "pollInterval", "1h");
        s.put(p + "retries", "2");
        s.put(p + "retryDelay", "100ms");
        s.put(p + "maxRetryDelay", "300ms");
        s.put(p + "peer", address(partner).toString());
        s.put(p + "peerUser", TestDaemon.OPERATOR);
        s.put(p + "peerPassword", TestDaemon.PASSWORD);
        return s;
    }

    /**
     * Starts member {@code name} with the engine settings {@code settings} (dotted names) besides those every member
     * has: member, group, folder, directories, peer address, trust store and a notification delay of 100 ms.
     */
    public Member start(String name, Map<String, String> settings) {
        return startEngines(name, Map.of("embedded", settings));
    }

    /**
     * Starts member {@code name} with one embedded engine instance per entry of {@code instances}, each with the
     * settings every member has (as {@link #start}) and its own; an instance other than the first keeps its engine
     * database in {@code engine-<instance>}.
     */
    public Member startEngines(String name, Map<String, Map<String, String>> instances) {
        StringBuilder yaml = new StringBuilder(TestDaemon.yaml(listener(name)));
        yaml.append("stateDirectory: ").append(quoted(home(name).resolve("state").toString())).append('\n');
        yaml.append("engines:\n");
        boolean first = true;
        for (Map.Entry<String, Map<String, String>> e : new java.util.TreeMap<>(instances).entrySet()) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("member", name);
            s.put("group", GROUP);
            s.put("baseDirectory", home(name).toString());
            s.put("stateDirectory", first ? "engine" : "engine-" + e.getKey());
            s.put("folders." + FOLDER + ".path", FOLDER);
            s.put("peer.address", address(name).toString());
            s.put("peer.notifyDelay", "100ms");
            tls.ifPresent(t -> {
                s.put("peer.trustStore", t.trustStore().toString());
                s.put("peer.trustStorePassword", t.trustStorePassword());
            });
            s.putAll(e.getValue());
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("type", "embedded");
            instance.putAll(Settings.nested(s));
            yaml.append("  ").append(e.getKey()).append(": ").append(json(instance)).append('\n');
            first = false;
        }
        try {
            Files.createDirectories(folder(name)); // a hub's folder may hold nothing yet, but it is there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Member m = new Member(name, DaemonConfig.parse(name + ".yaml", yaml.toString(), dir));
        synchronized (this) {
            members.add(m);
        }
        m.start();
        return m;
    }

    private String listener(String name) {
        String l = "listeners:\n  - address: 127.0.0.1\n    port: " + port(name) + "\n";
        return tls.map(t -> l + "    tls:\n      keystore: " + quoted(t.keystore().toString())
                + "\n      keystorePasswordFile: " + quoted(t.keystore() + ".pass") + "\n").orElse(l);
    }

    /** A YAML scalar: a JSON string is one. */
    private static String quoted(String value) {
        return json(value);
    }

    /** A YAML value in flow style: JSON is one. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One member: a daemon that runs, or ran and can start again on the same state and port. */
    public final class Member {
        private final String name;
        private final DaemonConfig config;
        private Backend backend;
        private Daemon daemon;

        private Member(String name, DaemonConfig config) {
            this.name = name;
            this.config = config;
        }

        public String name() {
            return name;
        }

        public URI uri() {
            return address(name);
        }

        /** The member's replicated folder. */
        public Path folder() {
            return TestMembers.this.folder(name);
        }

        /** Builds the backend and the daemon as {@code serve} does; again after {@link #stop}. */
        public synchronized void start() {
            if (daemon != null) {
                throw new IllegalStateException(name + " runs already");
            }
            backend = Backend.open(config, Clock.systemUTC());
            try {
                daemon = Daemon.builder(config, backend).buildAndStart();
            } catch (RuntimeException e) {
                backend.close();
                backend = null;
                throw e;
            }
        }

        /** Stops as {@code serve} stops: the daemon, then the backend (the engine, the state). */
        public synchronized void stop() {
            if (daemon != null) {
                daemon.close();
                backend.close();
                daemon = null;
                backend = null;
            }
        }

        /** This member's JSON API as {@code user} ({@link TestDaemon}'s password), or anonymous (null). */
        public JsonApi api(String user) {
            return new JsonApi(http, uri(), user, TestDaemon.PASSWORD);
        }

        /** A request to this member's listener, as {@code user} ({@link TestDaemon}'s password), or anonymous. */
        public HttpResponse<String> send(HttpRequest.Builder request, String user) throws IOException,
                InterruptedException {
            return api(user).send(request);
        }

        /** {@code path} (with its query) on this member's listener. */
        public URI resolve(String path) {
            return uri().resolve(path);
        }

        /** The instances a WQL query returns through the JSON API, asked as a reader. */
        public JsonNode query(String namespace, String wql) throws IOException, InterruptedException {
            return api(TestDaemon.READER).query(namespace, wql);
        }

        /** Asks a query again until its instances pass {@code done}; returns them. */
        public JsonNode await(String namespace, String wql, Predicate<JsonNode> done) throws IOException,
                InterruptedException {
            return api(TestDaemon.READER).await(namespace, wql, done);
        }

        /** The properties of the one DfsrConnectionInfo instance {@code where} selects, once there is one. */
        public JsonNode connection(String where) throws IOException, InterruptedException {
            return connection(where, p -> true);
        }

        /** The properties of the one DfsrConnectionInfo instance {@code where} selects, once they pass {@code done}. */
        public JsonNode connection(String where, Predicate<JsonNode> done) throws IOException, InterruptedException {
            return await(DFSR, "SELECT * FROM DfsrConnectionInfo WHERE " + where,
                    i -> i.size() == 1 && done.test(i.get(0).get("properties"))).get(0).get("properties");
        }

        /**
         * Subscribes to the DfsrConnectionInfo modification events of this member: from when this returns, every
         * change arrives ({@code GET /api/v1/events}).
         */
        public Events connectionEvents() throws IOException, InterruptedException {
            HttpRequest.Builder r = HttpRequest.newBuilder(resolve("/api/v1/events?namespace=" + encode(DFSR)
                    + "&query=" + encode("SELECT * FROM __InstanceModificationEvent WITHIN 1 "
                    + "WHERE TargetInstance ISA 'DfsrConnectionInfo'")))
                    .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD));
            HttpResponse<Stream<String>> response = http.send(r.build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).as(name + ": event stream").isEqualTo(200);
            Events events = new Events(response.body());
            subscriptions.add(events);
            return events;
        }

        @Override
        public String toString() {
            return name + " at " + uri();
        }
    }

    /** The events of one subscription, as they arrive: each event's JSON ({@code targetInstance}, …). */
    public static final class Events implements AutoCloseable {
        private final Stream<String> lines;
        private final List<JsonNode> received = new CopyOnWriteArrayList<>();

        private Events(Stream<String> lines) {
            this.lines = lines;
            Thread reader = new Thread(() -> {
                try {
                    lines.filter(l -> l.startsWith("data: ")).forEach(l -> {
                        try {
                            received.add(JSON.readTree(l.substring("data: ".length())));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("not JSON: " + l, e);
                        }
                    });
                } catch (UncheckedIOException closed) {
                    // the stream ended: the test closed it, or the daemon stopped
                }
            }, "test-events");
            reader.setDaemon(true);
            reader.start();
        }

        public List<JsonNode> received() {
            return List.copyOf(received);
        }

        /**
         * The State values, in order, that the inbound connection from {@code partner} went through: the
         * {@code State} of each event's target instance where it differs from the previous instance's.
         */
        public List<Integer> inboundStates(String partner) {
            return received.stream().filter(e -> e.at("/targetInstance/properties/Inbound").asBoolean()
                            && partner.equals(e.at("/targetInstance/properties/PartnerName").asText()))
                    .filter(e -> e.at("/targetInstance/properties/State").asInt()
                            != e.at("/previousInstance/properties/State").asInt())
                    .map(e -> e.at("/targetInstance/properties/State").asInt()).toList();
        }

        /** Waits until {@link #inboundStates} of {@code partner} passes {@code done}; returns it. */
        public List<Integer> awaitInboundStates(String partner, Predicate<List<Integer>> done)
                throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(inboundStates(partner))) {
                assertThat(System.nanoTime()).as("states of the inbound connection from " + partner + ": "
                        + inboundStates(partner)).isLessThan(deadline);
                Thread.sleep(20);
            }
            return inboundStates(partner);
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** Whether a CIM datetime property holds a time: not NULL, not DFSR's "never" (1/1/9999). */
    public static boolean isTime(JsonNode properties, String property) {
        JsonNode v = properties.get(property);
        return v != null && !v.isNull() && !CimTimestamp.parse(v.asText()).equals(CimTimestamp.DFSR_NEVER);
    }

    /** The instant a CIM datetime property holds; fails for NULL, DFSR's "never" (1/1/9999) or an interval. */
    public static Instant instant(JsonNode properties, String property) {
        JsonNode v = properties.get(property);
        assertThat(v).as(property).isNotNull();
        assertThat(v.isNull()).as(property + " is NULL").isFalse();
        CimTimestamp t = CimTimestamp.parse(v.asText());
        assertThat(t).as(property).isNotEqualTo(CimTimestamp.DFSR_NEVER);
        return t.toInstant().orElseThrow();
    }

    /** Waits until {@code file} exists with {@code content}. */
    public static void awaitFile(Path file, String content) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) || !Files.readString(file).equals(content)) {
            assertThat(System.nanoTime()).as(file + " holds '" + content + "'").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Writes {@code content} to {@code file}, creating its directories. */
    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Ends the subscriptions and stops every member, the last started first. */
    @Override
    public synchronized void close() {
        subscriptions.forEach(Events::close);
        for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).stop();
        }
    }
}
