package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/** {@code GET /api/v1/events}: Server-Sent Events for creation, modification and deletion. */
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FixtureProvider operations;
    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        operations = FixtureProvider.dfsr();
        daemon = TestDaemon.start(operations.objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    /** One SSE frame. */
    record Frame(String event, String id, String data) {
    }

    /** Reads frames off a stream; comment lines (keep-alives) are counted, not returned. */
    static final class Frames {
        final BufferedReader reader;
        int comments;

        Frames(RawHttp http) {
            reader = new BufferedReader(new InputStreamReader(new ChunkedInput(http), StandardCharsets.UTF_8));
        }

        Frame next() throws IOException {
            String event = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (event != null || data.length() > 0) {
                        return new Frame(event, id, data.toString());
                    }
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            return null;
        }
    }

    private static RawHttp subscribe(String query) throws IOException {
        RawHttp http = new RawHttp(daemon.port());
        http.send("GET /api/v1/events?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: "
                + TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD) + "\r\n\r\n");
        return http;
    }

    @Test
    void creationModificationAndDeletionArriveWithinASecond() throws Exception {
        try (RawHttp http = subscribe("SELECT * FROM __InstanceOperationEvent WITHIN 1 "
                + "WHERE TargetInstance ISA 'DfsrConnectionInfo'")) {
            // The stream answers once the object manager holds the subscription: events from now on arrive.
            RawHttp.Response head = http.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            Frames frames = new Frames(http);

            String guid = "{ABCDEF01-0000-0000-0000-000000000000}";
            CimInstance created = DfsrFixture.connection(guid, "{00000000-0000-0000-0000-000000000000}", "FS09", true,
                    0, "20240115103000.000000+000", 1, "20240115103000.000000+000", "20240115103000.000000+000", 0,
                    0);
            List<Long> latencies = new ArrayList<>();
            long t0 = System.nanoTime();
            operations.put(created);
            Frame creation = frames.next();
            latencies.add(System.nanoTime() - t0);
            assertThat(creation.event()).isEqualTo("__InstanceCreationEvent");
            assertThat(creation.id()).isEqualTo("1");
            JsonNode c = JSON.readTree(creation.data());
            assertThat(c.get("targetInstance").get("properties").get("State").asInt()).isZero();
            assertThat(c.has("previousInstance")).isFalse();

            t0 = System.nanoTime();
            operations.put(created.toBuilder().set("State", CimValue.uint32(1)).build());
            Frame modification = frames.next();
            latencies.add(System.nanoTime() - t0);
            assertThat(modification.event()).isEqualTo("__InstanceModificationEvent");
            JsonNode m = JSON.readTree(modification.data());
            assertThat(m.get("targetInstance").get("properties").get("State").asInt()).isEqualTo(1);
            assertThat(m.get("previousInstance").get("properties").get("State").asInt()).isZero();

            t0 = System.nanoTime();
            operations.remove(created.path());
            Frame deletion = frames.next();
            latencies.add(System.nanoTime() - t0);
            assertThat(deletion.event()).isEqualTo("__InstanceDeletionEvent");
            assertThat(JSON.readTree(deletion.data()).get("targetInstance").get("path").asText())
                    .endsWith(guid + "\"");
            assertThat(latencies).allSatisfy(ns -> assertThat(Duration.ofNanos(ns)).isLessThan(Duration.ofSeconds(1)));

            // idle streams carry keep-alive comments (every 500 ms in tests)
            Thread.sleep(1200);
            operations.put(DfsrFixture.connection1().toBuilder().set("State", CimValue.uint32(2)).build());
            assertThat(frames.next().event()).isEqualTo("__InstanceModificationEvent");
            assertThat(frames.comments).isGreaterThanOrEqualTo(2);
        } finally {
            operations.put(DfsrFixture.connection1());
        }
    }

    @Test
    void onlyTheSubscribedEventClassArrives() throws Exception {
        try (RawHttp http = subscribe("SELECT * FROM __InstanceDeletionEvent WITHIN 1 "
                + "WHERE TargetInstance ISA 'DfsrConnectionInfo'")) {
            assertThat(http.readHead().status()).isEqualTo(200);
            Frames frames = new Frames(http);
            CimInstance temp = DfsrFixture.connection("{ABCDEF02-0000-0000-0000-000000000000}",
                    "{00000000-0000-0000-0000-000000000000}", "FS10", true, 0, "20240115103000.000000+000", 1,
                    "20240115103000.000000+000", "20240115103000.000000+000", 0, 0);
            operations.put(temp);
            operations.remove(temp.path());
            assertThat(frames.next().event()).isEqualTo("__InstanceDeletionEvent");
        }
    }

    @Test
    void aQueryTheObjectManagerRejectsIsAJsonError() throws IOException {
        try (RawHttp http = subscribe("SELECT * FROM DfsrConnectionInfo")) {
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").get("name").asText()).isEqualTo("WBEM_E_NOT_EVENT_CLASS");
        }
    }

    @Test
    void streamsEndWithAShutdownEventWhenTheDaemonStops() throws Exception {
        FixtureProvider ops = FixtureProvider.dfsr();
        TestDaemon own = TestDaemon.start(ops.objectManager());
        RawHttp http = new RawHttp(own.port());
        try (http) {
            http.send("GET /api/v1/events?query=" + URLEncoder.encode("SELECT * FROM __InstanceModificationEvent "
                    + "WITHIN 1 WHERE TargetInstance ISA 'DfsrConnectionInfo'", StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + TestDaemon.basic(TestDaemon.READER,
                    TestDaemon.PASSWORD) + "\r\n\r\n");
            assertThat(http.readHead().status()).isEqualTo(200);
            Frames frames = new Frames(http);
            long started = System.nanoTime();
            own.close();
            assertThat(frames.next().event()).isEqualTo("shutdown");
            assertThat(frames.next()).isNull();
            assertThat(ops.subscribed()).as("the subscription ended with the stream").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
