package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.Commands;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.DfsrStack;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * {@code GET /metrics}: valid Prometheus text (checked with {@code promtool check metrics} from Debian's prometheus
 * package) carrying connection states, last-sync ages, error codes, repsTo failures, and request counts and
 * latencies.
 */
class MetricsTest {

    /** Two hours after the fixture's LastSuccessfulSyncTime of connection 1 (2024-01-15 09:00:00Z). */
    private static final Instant NOW = Instant.parse("2024-01-15T11:00:00Z");
    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        DaemonConfig config = TestDaemon.config();
        daemon = new TestDaemonWithClock(config, Clock.fixed(NOW, ZoneOffset.UTC)).start();
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static RawHttp.Response get(String path) throws IOException {
        return get(daemon, path);
    }

    private static RawHttp.Response get(TestDaemon daemon, String path) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD) + "\r\n\r\n");
            return http.read();
        }
    }

    private static String scrape() throws IOException {
        get("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo");
        get("/api/v1/query?q=SELEKT");
        RawHttp.Response r = get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        return r.text();
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        promtoolAccepts(scrape());
    }

    static void promtoolAccepts(String exposition) throws Exception {
        Commands.require("promtool", "prometheus");
        Path file = Files.createTempFile("metrics", ".prom");
        try {
            Files.writeString(file, exposition, StandardCharsets.UTF_8);
            Commands.Result r = Commands.run(Duration.ofSeconds(30), List.of("sh", "-c",
                    "promtool check metrics < " + file));
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout() + r.stderr()).doesNotContain("problem");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void replicationHealth() throws IOException {
        String text = scrape();
        String labels1 = "{connection_guid=\"" + DfsrFixture.GUID_1 + "\",partner=\"FS02\","
                + "replication_group=\"RG-Data\",direction=\"inbound\",engine=\"\"}";
        String labels2 = "{connection_guid=\"" + DfsrFixture.GUID_2 + "\",partner=\"FS03\","
                + "replication_group=\"RG-Data\",direction=\"outbound\",engine=\"\"}";
        assertThat(text.lines()).contains(
                "replprov_collector_up{collector=\"dfsr\"} 1",
                "replprov_dfsr_connections{state=\"Connecting\"} 0",
                "replprov_dfsr_connections{state=\"Online\"} 1",
                "replprov_dfsr_connections{state=\"Offline\"} 0",
                "replprov_dfsr_connections{state=\"In Error\"} 1",
                "replprov_dfsr_connection_state" + labels1 + " 3",
                "replprov_dfsr_connection_state" + labels2 + " 1",
                "replprov_dfsr_last_successful_sync_age_seconds" + labels1 + " 7200",
                "replprov_dfsr_last_successful_sync_age_seconds" + labels2 + " 1500",
                "replprov_dfsr_connection_last_error_code" + labels1 + " 9033",
                "replprov_dfsr_connection_last_error_code" + labels2 + " 0");
    }

    /** The repsTo values of the ReplProv_RepsTo provider: partners whose notifications fail, and since when. */
    @Test
    void repsToFailures() throws Exception {
        UUID failing = UUID.fromString("8f5a0c3e-2b7d-4c1a-9e6f-0a1b2c3d4e5f");
        UUID fine = UUID.fromString("1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5");
        String nc = "CN=Demo,CN=DFSR-GlobalSettings,CN=System";
        try (DfsrStack stack = DfsrStack.start()) {
            stack.repsTo().put(new RepsToEntry(nc, new RepsTo("https://branch1.example:5989/", failing,
                    ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC), Win32Error.RPC_S_SERVER_UNAVAILABLE, 3,
                    DsTime.of(NOW.minusSeconds(60)), DsTime.of(NOW.minusSeconds(3600)))));
            stack.repsTo().put(new RepsToEntry(nc, new RepsTo("https://branch2.example:5989/", fine,
                    ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC), Win32Error.ERROR_SUCCESS, 0,
                    DsTime.NEVER, DsTime.NEVER)));
            try (TestDaemon d = TestDaemon.start(TestDaemon.config(), stack.objectManager(),
                    Clock.fixed(NOW, ZoneOffset.UTC))) {
                String text = get(d, "/metrics").text();
                String labels1 = "{naming_context=\"" + nc + "\",uuid_dsa=\"" + DfsrStack.guid(failing)
                        + "\",na_dsa=\"https://branch1.example:5989/\"}";
                String labels2 = "{naming_context=\"" + nc + "\",uuid_dsa=\"" + DfsrStack.guid(fine)
                        + "\",na_dsa=\"https://branch2.example:5989/\"}";
                assertThat(text.lines()).contains(
                        "replprov_collector_up{collector=\"repsto\"} 1",
                        "replprov_repsto_consecutive_failures" + labels1 + " 3",
                        "replprov_repsto_consecutive_failures" + labels2 + " 0",
                        "replprov_repsto_last_attempt_result" + labels1 + " 1722",
                        "replprov_repsto_last_attempt_result" + labels2 + " 0",
                        "replprov_repsto_last_success_age_seconds" + labels1 + " 3600");
                assertThat(text).as("never notified: no age").doesNotContain(
                        "replprov_repsto_last_success_age_seconds" + labels2);
                promtoolAccepts(text);
            }
        }
    }

    @Test
    void requestCountsAndLatencies() throws IOException {
        String text = scrape();
        assertThat(text.lines()).anyMatch(l -> l.matches(
                "replprov_requests_total\\{protocol=\"json\",operation=\"query\",status=\"200\"} [1-9][0-9]*"));
        assertThat(text.lines()).anyMatch(l -> l.matches(
                "replprov_cim_errors_total\\{protocol=\"json\",operation=\"query\","
                        + "cim_status=\"CIM_ERR_INVALID_QUERY\"} [1-9][0-9]*"));
        assertThat(text.lines()).anyMatch(l -> l.matches(
                "replprov_request_duration_seconds_bucket\\{protocol=\"json\",operation=\"query\",le=\"\\+Inf\"} "
                        + "[1-9][0-9]*"));
        assertThat(text.lines()).anyMatch(l -> l.startsWith(
                "replprov_request_duration_seconds_sum{protocol=\"json\",operation=\"query\"} "));
        assertThat(text).contains("# TYPE replprov_request_duration_seconds histogram",
                "# TYPE replprov_requests_total counter", "# TYPE replprov_dfsr_connections gauge",
                "replprov_event_streams 0");
    }

    /**
     * A request refused before its operation runs is a CIM error in the metrics, the same on both front ends: a
     * reader's method call (403) under ACCESS_DENIED, a CIM-XML GET (405) and a JSON POST to a GET path (405) under
     * NOT_SUPPORTED. They used to count as successes on CIM-XML.
     */
    @Test
    void refusalsAreCimErrorsOnBothFrontEnds() throws IOException {
        String reader = "Authorization: " + TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD) + "\r\n";
        byte[] call = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"ForceReplication\">"
                + "<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/>"
                + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"DfsrConnectionInfo\"><KEYBINDING "
                + "NAME=\"ConnectionGuid\"><KEYVALUE>" + DfsrStack.guid(1) + "</KEYVALUE></KEYBINDING></INSTANCENAME>"
                + "</LOCALINSTANCEPATH><PARAMVALUE NAME=\"Mode\"><VALUE>2</VALUE></PARAMVALUE></METHODCALL>"
                + "</SIMPLEREQ></MESSAGE></CIM>").getBytes(StandardCharsets.UTF_8);
        byte[] invoke = ("{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\"" + DfsrStack.guid(1) + "\\\"\", "
                + "\"method\": \"ForceReplication\", \"parameters\": {\"Mode\": 2}}").getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(daemon.port())) {
            assertThat(http.exchange("POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n" + reader + "Content-Type: "
                    + "application/xml\r\nCIMOperation: MethodCall\r\nCIMMethod: ForceReplication\r\nCIMObject: "
                    + "root/MicrosoftDfs\r\n", call).status()).isEqualTo(403);
            assertThat(http.exchange("POST /api/v1/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\n" + reader
                    + "Content-Type: application/json\r\n", invoke).status()).isEqualTo(403);
            assertThat(http.exchange("GET /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n" + reader, new byte[0]).status())
                    .isEqualTo(405);
        }
        String text = get("/metrics").text();
        assertThat(text.lines()).contains(
                "replprov_cim_errors_total{protocol=\"cimxml\",operation=\"ForceReplication\","
                        + "cim_status=\"CIM_ERR_ACCESS_DENIED\"} 1",
                "replprov_cim_errors_total{protocol=\"json\",operation=\"ForceReplication\","
                        + "cim_status=\"CIM_ERR_ACCESS_DENIED\"} 1",
                "replprov_cim_errors_total{protocol=\"cimxml\",operation=\"GET\","
                        + "cim_status=\"CIM_ERR_NOT_SUPPORTED\"} 1");
    }

    /** A test daemon whose clock is fixed, so that sync ages are exact. */
    private record TestDaemonWithClock(DaemonConfig config, Clock clock) {
        TestDaemon start() {
            return TestDaemon.start(config, FixtureProvider.dfsr().objectManager(), clock);
        }
    }
}
