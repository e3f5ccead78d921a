package org.replprov.engines.syncthing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.replprov.config.ConfigNode;
import org.replprov.engine.spi.EngineContext;
import org.replprov.server.Backend;
import org.replprov.server.Daemon;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.SyncthingCluster;
import org.replprov.testing.TestDaemon;
import org.replprov.time.SystemScheduler;

/**
 * The {@code syncthing} engine figures of docs/performance.md, against the three-instance fixture:
 * <ul>
 *   <li>event-to-instance latency: from a change made in Syncthing (a device paused or resumed through its REST API,
 *       a partner killed) to the DfsrConnectionInfo modification event with the new State reaching a client of the
 *       daemon's event stream ({@code /api/v1/events});</li>
 *   <li>REST requests per minute at rest: an engine against an instance where nothing changes.</li>
 * </ul>
 * Run with {@code scripts/bench-syncthing-engine [work-dir] [pause-rounds] [kill-rounds] [rest-minutes]}.
 */
public final class SyncthingEngineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncthingEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench-syncthing-engine"))
                .toAbsolutePath();
        int pauseRounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int killRounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int restMinutes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory(work, "run");
        try (SyncthingCluster cluster = SyncthingCluster.start(dir.resolve("cluster"))) {
            latency(cluster, dir, pauseRounds, killRounds);
            atRest(cluster, dir, restMinutes);
        }
        System.exit(0);
    }

    private static void latency(SyncthingCluster cluster, Path dir, int pauseRounds, int killRounds) throws Exception {
        SyncthingCluster.Instance a = cluster.get("a");
        Path key = Files.writeString(dir.resolve("a.key"), a.apiKey());
        String yaml = TestDaemon.yaml("listeners:\n  - {address: 127.0.0.1, port: 0}\n")
                + "stateDirectory: " + JSON.writeValueAsString(dir.resolve("state").toString()) + "\n"
                + "engines:\n  st: " + JSON.writeValueAsString(Map.of("type", "syncthing", "url",
                a.guiUrl().toString(), "apiKeyFile", key.toString())) + "\n";
        DaemonConfig config = DaemonConfig.parse("bench.yaml", yaml, dir);
        try (Backend backend = Backend.open(config, Clock.systemUTC());
             Daemon daemon = Daemon.builder(config, backend).buildAndStart()) {
            HttpClient http = HttpClient.newHttpClient();
            String q = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA "
                    + "'DfsrConnectionInfo' AND TargetInstance.Inbound = TRUE";
            HttpRequest r = HttpRequest.newBuilder(daemon.endpoints().get(0).resolve("/api/v1/events?namespace="
                            + URLEncoder.encode("root/MicrosoftDfs", StandardCharsets.UTF_8) + "&query="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)).build();
            HttpResponse<Stream<String>> response = http.send(r, HttpResponse.BodyHandlers.ofLines());
            // (partner, State) of each event with a change of State, and when it arrived.
            LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
            List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> response.body().filter(l -> l.startsWith("data: ")).forEach(l -> {
                long t = System.nanoTime();
                try {
                    JsonNode e = JSON.readTree(l.substring(6));
                    int state = e.at("/targetInstance/properties/State").asInt();
                    if (state != e.at("/previousInstance/properties/State").asInt()) {
                        arrivals.add(t);
                        changes.add(e.at("/targetInstance/properties/PartnerName").asText() + "=" + state + "@" + t);
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }), "bench-events");
            reader.setDaemon(true);
            reader.start();
            String c = cluster.get("c").deviceId();
            awaitChangeOrOnline(a, c);
            List<Double> pause = new ArrayList<>();
            List<Double> resume = new ArrayList<>();
            for (int i = 0; i < pauseRounds; i++) {
                changes.clear();
                long t0 = System.nanoTime();
                a.client().pauseDevice(c);
                pause.add(ms(t0, await(changes, "member-c=2")));
                changes.clear();
                t0 = System.nanoTime();
                a.client().resumeDevice(c);
                resume.add(ms(t0, await(changes, "member-c=1")));
            }
            List<Double> kill = new ArrayList<>();
            for (int i = 0; i < killRounds; i++) {
                changes.clear();
                long t0 = System.nanoTime();
                cluster.get("c").kill();
                kill.add(ms(t0, await(changes, "member-c=0")));
                cluster.get("c").start();
                await(changes, "member-c=1");
            }
            print("device paused in Syncthing -> Offline event", pause);
            print("device resumed in Syncthing -> Online event (includes Syncthing reconnecting)", resume);
            print("SIGKILL of the partner -> Connecting event", kill);
            response.body().close();
        }
    }

    private static void awaitChangeOrOnline(SyncthingCluster.Instance a, String c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !a.client().connections().get(c).connected()) {
            Thread.sleep(50);
        }
        Thread.sleep(3000); // the engine's first full read and the initial events settle
    }

    /** Waits for a change {@code what} ("partner=State"); returns when it arrived (nanoTime). */
    private static long await(LinkedBlockingQueue<String> changes, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String s = changes.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.startsWith(what + "@")) {
                return Long.parseLong(s.substring(s.indexOf('@') + 1));
            }
        }
        throw new IllegalStateException("no event " + what + " within 60 s");
    }

    private static void atRest(SyncthingCluster cluster, Path dir, int minutes) throws Exception {
        SyncthingCluster.Instance b = cluster.get("b");
        try (SystemScheduler scheduler = new SystemScheduler("bench-scheduler")) {
            Path state = Files.createDirectories(dir.resolve("rest-state"));
            SyncthingEngine engine = (SyncthingEngine) new SyncthingEngineProvider().create(new EngineContext("st",
                    "syncthing", ConfigNode.of("bench.yaml", "engines.st", Map.of("url", b.guiUrl().toString(),
                    "apiKeyFile", Files.writeString(dir.resolve("b.key"), b.apiKey()).toString())), state, scheduler,
                    null));
            engine.start(fact -> { });
            Thread.sleep(5000);
            long before = engine.requestCount();
            Thread.sleep(Duration.ofMinutes(minutes).toMillis());
            long after = engine.requestCount();
            engine.close();
            System.out.printf(Locale.ROOT, "REST requests at rest: %d in %d min = %.1f per minute (full read at start: "
                    + "%d)%n", after - before, minutes, (after - before) / (double) minutes, before);
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static void print(String what, List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        double median = s.get(s.size() / 2);
        double p99 = s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.99) - 1));
        System.out.printf(Locale.ROOT, "%s: n=%d median %.0f ms, p99 %.0f ms, min %.0f ms, max %.0f ms%n", what,
                s.size(), median, p99, s.get(0), s.get(s.size() - 1));
    }
}
